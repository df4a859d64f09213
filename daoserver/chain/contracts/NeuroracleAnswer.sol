// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title NeuroracleAnswer: decodes the output bytes Neuroracle nodes attest (and the HTTP API returns as `output`).
/// @notice Fixed-point throughout: probabilities and shares in parts per million (1e6 = 100%), token amounts as
/// WAD (token amount x 1e18, so 18-decimal tokens read as their base units), times in unix seconds. `asOfBlock` is
/// the block the nodes read (0 for an explicit-input or HTTP answer, which names no block).
library NeuroracleAnswer {
    uint16 internal constant FORMAT_VOTE = 1;
    uint16 internal constant FORMAT_TREASURY = 2;
    /// runwayDays when there is no net burn, or no balance to burn.
    uint32 internal constant NO_RUNWAY = type(uint32).max;

    error WrongFormat(uint16 expected, uint16 got);

    struct Vote {
        bytes32 modelId;
        uint64 asOfBlock;
        uint64 asOfTime;
        uint32 elapsedPpm;
        uint32 pPassPpm;
        uint32 pPassLowerPpm;
        uint32 pPassUpperPpm;
        uint32 forSharePpm;
        uint32 forShareLowerPpm;
        uint32 forShareUpperPpm;
        uint256 turnoutWad;
        uint256 turnoutLowerWad;
        uint256 turnoutUpperWad;
    }

    /// Quantiles per horizon: p10, p50, p90 of total inflow, of total outflow, and of the balance at its end.
    struct Horizon {
        uint32 days_;
        int256[3] inflowWad;
        int256[3] outflowWad;
        int256[3] balanceWad;
    }

    struct Treasury {
        bytes32 modelId;
        uint64 asOfBlock;
        uint64 lastDayTime;
        uint32 runwayDays;
        bool hasBalance;
        Horizon[] horizons;
    }

    function format(bytes memory output) internal pure returns (uint16) {
        return abi.decode(output, (uint16));
    }

    function decodeVote(bytes memory output) internal pure returns (Vote memory v) {
        // Every field is one static word, so the tuple reads as 14 words.
        uint256[14] memory w = abi.decode(output, (uint256[14]));
        if (w[0] != FORMAT_VOTE) revert WrongFormat(FORMAT_VOTE, uint16(w[0]));
        v.modelId = bytes32(w[1]);
        v.asOfBlock = uint64(w[2]);
        v.asOfTime = uint64(w[3]);
        v.elapsedPpm = uint32(w[4]);
        v.pPassPpm = uint32(w[5]);
        v.pPassLowerPpm = uint32(w[6]);
        v.pPassUpperPpm = uint32(w[7]);
        v.forSharePpm = uint32(w[8]);
        v.forShareLowerPpm = uint32(w[9]);
        v.forShareUpperPpm = uint32(w[10]);
        v.turnoutWad = w[11];
        v.turnoutLowerWad = w[12];
        v.turnoutUpperWad = w[13];
    }

    function decodeTreasury(bytes memory output) internal pure returns (Treasury memory t) {
        uint16 f;
        uint32[] memory days_;
        int256[] memory q;
        (f, t.modelId, t.asOfBlock, t.lastDayTime, t.runwayDays, t.hasBalance, days_, q) =
            abi.decode(output, (uint16, bytes32, uint64, uint64, uint32, bool, uint32[], int256[]));
        if (f != FORMAT_TREASURY) revert WrongFormat(FORMAT_TREASURY, f);
        t.horizons = new Horizon[](days_.length);
        for (uint256 i = 0; i < days_.length; i++) {
            Horizon memory h = t.horizons[i];
            h.days_ = days_[i];
            for (uint256 j = 0; j < 3; j++) {
                h.inflowWad[j] = q[9 * i + j];
                h.outflowWad[j] = q[9 * i + 3 + j];
                h.balanceWad[j] = q[9 * i + 6 + j];
            }
        }
    }
}
