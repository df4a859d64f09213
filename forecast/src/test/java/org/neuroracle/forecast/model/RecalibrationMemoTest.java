package org.neuroracle.forecast.model;

import org.junit.jupiter.api.Test;
import org.neuroracle.forecast.service.ForecastService;

import static org.junit.jupiter.api.Assertions.*;

/** The memo's maps are the model's own, for every DAO, every count of ended proposals and every checkpoint. */
class RecalibrationMemoTest {
    @Test void givesTheModelsMapEverywhereTwice() {
        VoteModel m = ForecastService.bundledArtifacts().stream().map(ModelArtifact.Loaded::model).filter(x -> x instanceof VoteModel)
                .map(x -> (VoteModel) x).findFirst().orElseThrow();
        assertNotNull(m.recalibration(), "the served vote model recalibrates per DAO");
        RecalibrationMemo memo = new RecalibrationMemo(m.recalibration());
        int asked = 0;
        for (int round = 0; round < 2; round++)
            for (DaoRecalibration.Dao d : m.recalibration().daos())
                for (int i = 0; i < d.ends().length; i += Math.max(1, d.ends().length / 20))
                    for (long t : new long[]{d.ends()[i] - 1, d.ends()[i]})
                        for (double elapsed : new double[]{0, 0.1, 0.33, 0.5, 0.77, 1}) {
                            DaoRecalibration.Map2 want = m.recalibrationAt(d.name(), t, elapsed), got = memo.at(m, d.name(), t, elapsed);
                            assertEquals(want, got, d.name() + " at " + t + ", elapsed " + elapsed);
                            asked++;
                        }
        assertEquals(DaoRecalibration.Map2.IDENTITY, memo.at(m, null, 5, 0.5));
        assertEquals(DaoRecalibration.Map2.IDENTITY, memo.at(m, "unseen", 5, 0.5));
        assertEquals(DaoRecalibration.Map2.IDENTITY, new RecalibrationMemo(null).at(m, "x", 5, 0.5));
        assertTrue(memo.hits() >= asked / 2 - 1, "the second round is kept: " + memo.hits() + " of " + asked);
    }
}
