// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {INeuroOracleConsumer, NeuroOracle} from "./NeuroOracle.sol";

/// @title DaoForecastConsumer: asks for a forecast on explicit input bytes and keeps the attested output.
contract DaoForecastConsumer is INeuroOracleConsumer {
    NeuroOracle public immutable oracle;
    uint32 public constant CALLBACK_GAS = 500_000;

    mapping(bytes32 => bool) public pending;
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

    /// @notice Asks for a forecast of `modelId` on `input`; msg.value is the escrowed fee (see NeuroOracle.minFee).
    function ask(bytes32 modelId, bytes calldata input, uint64 ttlSeconds, uint256 gasPriceWei)
        external
        payable
        returns (bytes32 requestId)
    {
        requestId = oracle.request{value: msg.value}(modelId, input, CALLBACK_GAS, ttlSeconds, gasPriceWei);
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

    /// Refunds from cancelled requests are owed to this contract; it forwards them to whoever calls.
    receive() external payable {}

    function cancel(NeuroOracle.Request calldata r) external {
        oracle.cancel(r);
        oracle.withdraw();
    }
}
