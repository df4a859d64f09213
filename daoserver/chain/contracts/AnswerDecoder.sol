// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {NeuroracleAnswer} from "./NeuroracleAnswer.sol";

/// @title AnswerDecoder: NeuroracleAnswer behind external views, so tools and tests can check what a contract decodes.
contract AnswerDecoder {
    function vote(bytes calldata output) external pure returns (NeuroracleAnswer.Vote memory) {
        return NeuroracleAnswer.decodeVote(output);
    }

    function treasury(bytes calldata output) external pure returns (NeuroracleAnswer.Treasury memory) {
        return NeuroracleAnswer.decodeTreasury(output);
    }
}
