package org.neuroracle.daoserver.oracle;

import org.junit.jupiter.api.Test;
import org.neuroracle.forecast.service.VoteQuery;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Compound GovernorBravo path of the reader, against a contract with Bravo's read surface. */
class GovernorReaderTest extends OracleTestBase {
    static final BigInteger TOKEN = BigInteger.TEN.pow(18);

    @Test void bravoProposalIsReadFromProposalsQuorumVotesAndVoteCastLogs() throws Exception {
        TxSender a = sender(admin);
        String comp = a.deploy(ContractArtifacts.bytecode(ContractArtifacts.VOTES_TOKEN),
                FunctionEncoder.encodeConstructor(List.of(new Uint256(TOKEN.multiply(BigInteger.valueOf(1000))))));
        String bravo = a.deploy(ContractArtifacts.bytecode("BravoShapedGovernor"), FunctionEncoder.encodeConstructor(List.of(
                new Address(comp), new Uint256(TOKEN.multiply(BigInteger.valueOf(400_000))))));
        OracleContracts.mustSucceed(a.sendAndWait(bravo, NeuroOracleAbi.call("propose(uint256,uint256)", new Uint256(1), new Uint256(100)), 600, 20), "propose");
        anvil.mine(2);
        long[][] votes = {{1, 300_000}, {0, 100_000}, {2, 5}};
        for (long[] v : votes) {
            OracleContracts.mustSucceed(sender(anvil.fundedAccount()).sendAndWait(bravo, NeuroOracleAbi.call("castVote(uint256,uint8,uint256)",
                    new Uint256(1), new Uint8(v[0]), new Uint256(TOKEN.multiply(BigInteger.valueOf(v[1])))), 600, 20), "castVote");
        }
        long asOf = anvil.head();
        VoteQuery q = GovernorReader.read(new ChainReader(anvil.web3j, asOf), chainId(), bravo, BigInteger.ONE, 100);
        assertEquals(3, q.votes().size());
        assertEquals(List.of("for", "against", "abstain"), q.votes().stream().map(VoteQuery.VoteEvent::choice).toList());
        assertEquals("300000", q.votes().getFirst().weight());
        assertEquals("400000", q.quorum(), "quorumVotes() in COMP units");
        assertTrue(q.voteEnd() > q.asOf(), "the end block lies ahead: placed 12 s per block after asOf");
        var e = assertThrows(IllegalArgumentException.class,
                () -> GovernorReader.read(new ChainReader(anvil.web3j, asOf), chainId(), bravo, BigInteger.TWO, 100));
        assertTrue(e.getMessage().startsWith("proposalId: governor"), e.getMessage());
        var tooMany = assertThrows(IllegalArgumentException.class,
                () -> GovernorReader.read(new ChainReader(anvil.web3j, asOf), chainId(), bravo, BigInteger.ONE, 2));
        assertTrue(tooMany.getMessage().contains("more than 2 votes"), tooMany.getMessage());
    }
}
