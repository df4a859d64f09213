// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {INeuroOracleConsumer, NeuroOracle} from "./NeuroOracle.sol";

/// @title DaoForecastConsumer: an example DAO contract that asks Neuroracle for a forecast and keeps the answer.
/// @notice The answer is the model's canonical output bytes, exactly as attested by k oracle nodes; a DAO would
/// decode the fields it needs (for example P(pass) of a proposal) from them.
contract DaoForecastConsumer is INeuroOracleConsumer {
    NeuroOracle public immutable oracle;
    uint32 public constant CALLBACK_GAS = 500_000;

    /// requestId => waiting for an answer
    mapping(bytes32 => bool) public pending;
    /// requestId => the attested output bytes
    mapping(bytes32 => bytes) public answers;
    uint256 public answerCount;
    bytes32 public lastRequestId;

    event ForecastAsked(bytes32 indexed requestId, bytes32 indexed modelId);
    event ForecastReceived(bytes32 indexed requestId, bytes output);

    error OnlyOracle(address caller);
    error NotPending(bytes32 requestId);

    constructor(NeuroOracle oracle_) {
        oracle = oracle_;
    }

    /// @notice Asks for a forecast of `modelId` on `input` (canonical input bytes), answered within `ttlSeconds`.
    function ask(bytes32 modelId, bytes calldata input, uint64 ttlSeconds) external returns (bytes32 requestId) {
        requestId = oracle.request(modelId, input, address(this), CALLBACK_GAS, ttlSeconds);
        pending[requestId] = true;
        lastRequestId = requestId;
        emit ForecastAsked(requestId, modelId);
    }

    function onForecast(bytes32 requestId, bytes calldata output) external override {
        if (msg.sender != address(oracle)) revert OnlyOracle(msg.sender);
        if (!pending[requestId]) revert NotPending(requestId);
        delete pending[requestId];
        answers[requestId] = output;
        answerCount++;
        emit ForecastReceived(requestId, output);
    }
}
