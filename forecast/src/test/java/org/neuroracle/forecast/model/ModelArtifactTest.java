package org.neuroracle.forecast.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ModelArtifactTest {
    @TempDir Path tmp;

    @Test void roundTripIsByteIdenticalAndContentAddressed() throws Exception {
        VoteModel m = TinyModels.vote();
        byte[] a = ModelArtifact.encode(m), b = ModelArtifact.encode(TinyModels.vote());
        assertArrayEquals(a, b, "same model, same bytes");
        ModelArtifact.Loaded l = ModelArtifact.write(m, tmp);
        assertEquals(ModelArtifact.sha256(a), l.modelId());
        Path f = tmp.resolve("vote-" + l.modelId() + ".nrm");
        ModelArtifact.Loaded back = ModelArtifact.read(f);
        assertEquals(l.modelId(), back.modelId());
        assertArrayEquals(a, ModelArtifact.encode(back.model()), "decode then encode reproduces the file");
        assertArrayEquals(m.pass().weights(), ((VoteModel) back.model()).pass().weights());
    }

    @Test void treasuryRoundTrip() {
        byte[] a = ModelArtifact.encode(TinyModels.treasury());
        assertArrayEquals(a, ModelArtifact.encode(ModelArtifact.decode(a, "t").model()));
    }

    @Test void tamperedBodyIsRejected() {
        byte[] a = ModelArtifact.encode(TinyModels.vote());
        String s = new String(a, StandardCharsets.UTF_8);
        int i = s.indexOf("\"vth\":150");
        assertTrue(i > 0);
        byte[] t = s.replaceFirst("\"vth\":150", "\"vth\":151").getBytes(StandardCharsets.UTF_8);
        var e = assertThrows(IllegalArgumentException.class, () -> ModelArtifact.decode(t, "m.nrm"));
        assertTrue(e.getMessage().startsWith("model m.nrm: tampered: body sha256 is "), e.getMessage());
    }

    @Test void renamedFileWithOtherContentIsRejected() throws Exception {
        ModelArtifact.Loaded l = ModelArtifact.write(TinyModels.vote(), tmp);
        Path wrong = tmp.resolve("vote-" + "0".repeat(64) + ".nrm");
        Files.write(wrong, l.bytes());
        var e = assertThrows(IllegalArgumentException.class, () -> ModelArtifact.read(wrong));
        assertTrue(e.getMessage().contains("tampered: its sha256 is " + l.modelId()), e.getMessage());
    }

    @Test void malformedHeaderAndFieldsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> ModelArtifact.decode("{}".getBytes(StandardCharsets.UTF_8), "x"));
        assertTrue(e.getMessage().contains("malformed"), e.getMessage());
        // A consistent header over a body whose reservoir weight does not fit 8 bits.
        String body = new String(ModelArtifact.encode(TinyModels.vote()), StandardCharsets.UTF_8);
        body = body.substring(body.indexOf('\n') + 1);
        String bad = body.replaceFirst("\"inWeight\":\\[(-?\\d+)", "\"inWeight\":[999");
        byte[] bb = bad.getBytes(StandardCharsets.UTF_8);
        byte[] file = (ModelArtifact.MAGIC + " kind=vote body-sha256=" + ModelArtifact.sha256(bb) + "\n" + bad).getBytes(StandardCharsets.UTF_8);
        e = assertThrows(IllegalArgumentException.class, () -> ModelArtifact.decode(file, "y"));
        assertTrue(e.getMessage().startsWith("model y: malformed: ") && e.getMessage().contains("not an 8-bit mantissa"), e.getMessage());
    }
}
