// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {INeuroOracleConsumer, NeuroOracle} from "./NeuroOracle.sol";
import {NeuroracleAnswer} from "./NeuroracleAnswer.sol";

/// @title ProposalForecastConsumer: records P(pass) of a Governor's proposals, asked by proposal id.
/// @notice The request names only (governor, proposalId); every oracle node reads the votes from the chain itself.
contract ProposalForecastConsumer is INeuroOracleConsumer {
    NeuroOracle public immutable oracle;
    address public immutable governor;
    bytes32 public immutable modelId;
    uint32 public constant CALLBACK_GAS = 200_000;
    uint64 public constant TTL_SECONDS = 1 hours;

    struct Forecast {
        uint32 pPassPpm;
        uint32 lowerPpm;
        uint32 upperPpm;
        uint64 asOfBlock;
    }

    mapping(uint256 => Forecast) private _forecasts;
    /// requestId => proposalId + 1 (0: not ours or already answered)
    mapping(bytes32 => uint256) public pendingProposal;

    event ForecastAsked(bytes32 indexed requestId, uint256 indexed proposalId);
    event ForecastRecorded(uint256 indexed proposalId, uint32 pPassPpm, uint32 lowerPpm, uint32 upperPpm, uint64 asOfBlock);

    error OnlyOracle(address caller);
    error NotPending(bytes32 requestId);

    constructor(NeuroOracle oracle_, address governor_, bytes32 modelId_) {
        oracle = oracle_;
        governor = governor_;
        modelId = modelId_;
    }

    /// @notice Asks for P(pass) of `proposalId`; msg.value is the fee (NeuroOracle.minFee(CALLBACK_GAS, gasPriceWei) or more).
    function ask(uint256 proposalId, uint256 gasPriceWei) external payable returns (bytes32 requestId) {
        requestId = oracle.requestVoteForecast{value: msg.value}(governor, proposalId, modelId, CALLBACK_GAS, TTL_SECONDS, gasPriceWei);
        pendingProposal[requestId] = proposalId + 1;
        emit ForecastAsked(requestId, proposalId);
    }

    function onForecast(bytes32 requestId, bytes calldata output) external override {
        if (msg.sender != address(oracle)) revert OnlyOracle(msg.sender);
        uint256 p = pendingProposal[requestId];
        if (p == 0) revert NotPending(requestId);
        delete pendingProposal[requestId];
        NeuroracleAnswer.Vote memory v = NeuroracleAnswer.decodeVote(output);
        _forecasts[p - 1] = Forecast(v.pPassPpm, v.pPassLowerPpm, v.pPassUpperPpm, v.asOfBlock);
        emit ForecastRecorded(p - 1, v.pPassPpm, v.pPassLowerPpm, v.pPassUpperPpm, v.asOfBlock);
    }

    function forecastOf(uint256 proposalId)
        external
        view
        returns (uint32 pPassPpm, uint32 lowerPpm, uint32 upperPpm, uint64 asOfBlock)
    {
        Forecast memory f = _forecasts[proposalId];
        return (f.pPassPpm, f.lowerPpm, f.upperPpm, f.asOfBlock);
    }
}
