// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {INeuroOracleConsumer, NeuroOracle} from "./NeuroOracle.sol";
import {NeuroracleAnswer} from "./NeuroracleAnswer.sol";

/// @title TreasuryGuard: refuses treasury withdrawals that would leave too short a forecast runway.
/// @notice A DAO puts `checkWithdrawal(amount)` first in a withdrawal proposal's actions; the timelock executes the
/// actions atomically, so when the guard reverts the withdrawal does not happen. The runway comes from Neuroracle's
/// treasury forecast of `treasury`'s `token` flows, asked by `ask` (the nodes read the Transfer logs themselves).
contract TreasuryGuard is INeuroOracleConsumer {
    NeuroOracle public immutable oracle;
    address public immutable treasury;
    IERC20 public immutable token;
    bytes32 public immutable modelId;
    uint32 public immutable minRunwayDays;
    uint64 public immutable maxAgeBlocks;
    uint32 public constant CALLBACK_GAS = 300_000;
    uint64 public constant TTL_SECONDS = 1 hours;

    uint32 public runwayDays;
    uint64 public asOfBlock;
    bytes32 public pendingRequest;

    event RunwayRecorded(uint32 runwayDays, uint64 asOfBlock);

    error OnlyOracle(address caller);
    error NotPending(bytes32 requestId);
    error StaleForecast(uint64 asOfBlock, uint64 maxAgeBlocks);
    error RunwayTooShort(uint256 runwayAfterDays, uint32 minRunwayDays);

    constructor(NeuroOracle oracle_, address treasury_, IERC20 token_, bytes32 modelId_, uint32 minRunwayDays_, uint64 maxAgeBlocks_) {
        oracle = oracle_;
        treasury = treasury_;
        token = token_;
        modelId = modelId_;
        minRunwayDays = minRunwayDays_;
        maxAgeBlocks = maxAgeBlocks_;
    }

    function ask(uint256 gasPriceWei) external payable returns (bytes32 requestId) {
        address[] memory tokens = new address[](1);
        tokens[0] = address(token);
        requestId = oracle.requestTreasuryForecast{value: msg.value}(treasury, tokens, modelId, CALLBACK_GAS, TTL_SECONDS, gasPriceWei);
        pendingRequest = requestId;
    }

    function onForecast(bytes32 requestId, bytes calldata output) external override {
        if (msg.sender != address(oracle)) revert OnlyOracle(msg.sender);
        if (requestId != pendingRequest) revert NotPending(requestId);
        delete pendingRequest;
        NeuroracleAnswer.Treasury memory t = NeuroracleAnswer.decodeTreasury(output);
        runwayDays = t.runwayDays;
        asOfBlock = t.asOfBlock;
        emit RunwayRecorded(t.runwayDays, t.asOfBlock);
    }

    /// The runway left after withdrawing `amount` now: the forecast runway scaled by the balance that remains.
    function runwayAfter(uint256 amount) public view returns (uint256) {
        if (asOfBlock == 0 || block.number > asOfBlock + maxAgeBlocks) revert StaleForecast(asOfBlock, maxAgeBlocks);
        if (runwayDays == NeuroracleAnswer.NO_RUNWAY) return type(uint256).max;
        uint256 balance = token.balanceOf(treasury);
        if (amount >= balance) return 0;
        return uint256(runwayDays) * (balance - amount) / balance;
    }

    /// Reverts unless withdrawing `amount` keeps the runway at or above `minRunwayDays`.
    function checkWithdrawal(uint256 amount) external view {
        uint256 after_ = runwayAfter(amount);
        if (after_ < minRunwayDays) revert RunwayTooShort(after_, minRunwayDays);
    }
}
