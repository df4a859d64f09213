// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";

/// Implemented by contracts that receive Neuroracle forecasts.
interface INeuroOracleConsumer {
    /// Called once per request, by the oracle only, when k authorised nodes agreed on the same output bytes.
    function onForecast(bytes32 requestId, bytes calldata output) external;
}

/// @title NeuroOracle: k-of-n attested forecasts from Neuroracle nodes.
/// @notice A consumer calls `request`; every node sees `ForecastRequested`, computes the forecast (a pure function
/// of the model artifact and the input bytes), and submits the output with its signature over the attestation
/// `keccak256(modelId || inputHash || output)` (EIP-191 "\x19Ethereum Signed Message:\n32" prefix). When `threshold`
/// distinct authorised signers submitted the same attestation, the request is finalised and the consumer's
/// callback runs exactly once. The request's commitment is deleted before the callback, so a re-entering
/// callback cannot fulfil it again.
contract NeuroOracle is AccessControl {
    bytes32 public constant NODE_ROLE = keccak256("NEURORACLE_NODE");
    /// Upper bound on the callback gas a requester may ask for, so one fulfilment always fits a block.
    uint32 public constant MAX_CALLBACK_GAS = 2_000_000;
    uint64 public constant MAX_TTL_SECONDS = 7 days;

    /// k: how many distinct authorised signers must submit the same attestation.
    uint8 public threshold;
    /// Monotonic request counter; part of every request id.
    uint256 public requestNonce;

    /// requestId => keccak256 of the request parameters; zero when unknown, fulfilled or cancelled.
    mapping(bytes32 => bytes32) public commitments;
    /// requestId => true once finalised (kept after the commitment is deleted, to name the revert reason).
    mapping(bytes32 => bool) public finalised;
    /// requestId => attestation => number of distinct authorised signers that submitted it.
    mapping(bytes32 => mapping(bytes32 => uint256)) public votes;
    /// requestId => signer => already submitted (one vote per node and request, whatever its answer).
    mapping(bytes32 => mapping(address => bool)) public responded;

    event ForecastRequested(
        bytes32 indexed requestId,
        address indexed requester,
        bytes32 indexed modelId,
        bytes32 inputHash,
        address callback,
        uint32 callbackGasLimit,
        uint64 expiresAt,
        bytes input
    );
    event ForecastResponded(bytes32 indexed requestId, address indexed signer, bytes32 attestation, uint256 votes);
    event ForecastFulfilled(bytes32 indexed requestId, bytes32 attestation, bytes output, bool callbackSucceeded);
    event ForecastCancelled(bytes32 indexed requestId);
    event ThresholdChanged(uint8 threshold);

    error UnknownRequest(bytes32 requestId);
    error AlreadyFulfilled(bytes32 requestId);
    error RequestExpired(bytes32 requestId, uint64 expiresAt);
    error NotExpired(bytes32 requestId, uint64 expiresAt);
    error CommitmentMismatch(bytes32 requestId);
    error UnauthorisedSigner(address signer);
    error AlreadyResponded(bytes32 requestId, address signer);
    error NotRequester(address caller);
    error InvalidThreshold(uint8 threshold);
    error InvalidTtl(uint64 ttlSeconds);
    error InvalidCallbackGas(uint32 callbackGasLimit);
    error InvalidCallback(address callback);
    error InsufficientGas(uint32 callbackGasLimit);

    constructor(address admin, address[] memory nodes, uint8 k) {
        if (k == 0) revert InvalidThreshold(k);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        for (uint256 i = 0; i < nodes.length; i++) {
            _grantRole(NODE_ROLE, nodes[i]);
        }
        threshold = k;
        emit ThresholdChanged(k);
    }

    function setThreshold(uint8 k) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (k == 0) revert InvalidThreshold(k);
        threshold = k;
        emit ThresholdChanged(k);
    }

    /// @notice Asks the oracle network for a forecast of `modelId` on `input` (the model's canonical input bytes).
    /// @return requestId unique to this chain, this contract and this request's nonce.
    function request(bytes32 modelId, bytes calldata input, address callback, uint32 callbackGasLimit, uint64 ttlSeconds)
        external
        returns (bytes32 requestId)
    {
        if (ttlSeconds == 0 || ttlSeconds > MAX_TTL_SECONDS) revert InvalidTtl(ttlSeconds);
        if (callbackGasLimit > MAX_CALLBACK_GAS) revert InvalidCallbackGas(callbackGasLimit);
        if (callback.code.length == 0) revert InvalidCallback(callback);
        bytes32 inputHash = sha256(input);
        uint64 expiresAt = uint64(block.timestamp) + ttlSeconds;
        // Binding chain id, contract and nonce makes the id unique across chains, deployments and requests; binding
        // the commitment as well means an id that reappears after a reorg names the very same request.
        bytes32 commitment = _commitment(msg.sender, modelId, inputHash, callback, callbackGasLimit, expiresAt);
        requestId = keccak256(abi.encode(block.chainid, address(this), requestNonce++, commitment));
        commitments[requestId] = commitment;
        emit ForecastRequested(requestId, msg.sender, modelId, inputHash, callback, callbackGasLimit, expiresAt, input);
    }

    /// The fields of a `ForecastRequested` event that a fulfilment repeats, checked against the stored commitment.
    struct Request {
        bytes32 requestId;
        address requester;
        bytes32 modelId;
        bytes32 inputHash;
        address callback;
        uint32 callbackGasLimit;
        uint64 expiresAt;
    }

    /// @notice Submits one node's answer. Anyone may relay it; what counts is the recovered signer.
    /// @return finalisedNow true when this submission reached the threshold and the callback ran.
    function fulfil(Request calldata r, bytes calldata output, bytes calldata signature)
        external
        returns (bool finalisedNow)
    {
        bytes32 requestId = r.requestId;
        bytes32 stored = commitments[requestId];
        if (stored == bytes32(0)) {
            if (finalised[requestId]) revert AlreadyFulfilled(requestId);
            revert UnknownRequest(requestId);
        }
        if (stored != _commitment(r.requester, r.modelId, r.inputHash, r.callback, r.callbackGasLimit, r.expiresAt)) {
            revert CommitmentMismatch(requestId);
        }
        if (block.timestamp > r.expiresAt) revert RequestExpired(requestId, r.expiresAt);

        bytes32 att = attestation(r.modelId, r.inputHash, output);
        address signer = ECDSA.recover(MessageHashUtils.toEthSignedMessageHash(att), signature);
        if (!hasRole(NODE_ROLE, signer)) revert UnauthorisedSigner(signer);
        if (responded[requestId][signer]) revert AlreadyResponded(requestId, signer);
        responded[requestId][signer] = true;
        uint256 count = ++votes[requestId][att];
        emit ForecastResponded(requestId, signer, att, count);
        if (count < threshold) return false;

        // Effects before the interaction: the request is closed before the consumer's code runs.
        delete commitments[requestId];
        finalised[requestId] = true;
        // A node must not be able to starve the callback (EIP-150 passes on at most 63/64 of the remaining gas).
        if (gasleft() < uint256(r.callbackGasLimit) * 64 / 63 + 10_000) revert InsufficientGas(r.callbackGasLimit);
        // A failing consumer must not make the nodes' transaction fail (they would retry forever); its failure is
        // recorded in the event instead.
        (bool ok,) = r.callback.call{gas: r.callbackGasLimit}(
            abi.encodeCall(INeuroOracleConsumer.onForecast, (requestId, output))
        );
        emit ForecastFulfilled(requestId, att, output, ok);
        return true;
    }

    /// @notice Lets the requester close an expired, unfulfilled request (no node can fulfil it any more anyway).
    function cancel(
        bytes32 requestId,
        bytes32 modelId,
        bytes32 inputHash,
        address callback,
        uint32 callbackGasLimit,
        uint64 expiresAt
    ) external {
        bytes32 stored = commitments[requestId];
        if (stored == bytes32(0)) revert UnknownRequest(requestId);
        if (stored != _commitment(msg.sender, modelId, inputHash, callback, callbackGasLimit, expiresAt)) {
            revert NotRequester(msg.sender);
        }
        if (block.timestamp <= expiresAt) revert NotExpired(requestId, expiresAt);
        delete commitments[requestId];
        emit ForecastCancelled(requestId);
    }

    /// @notice The attestation nodes sign: keccak256(modelId || inputHash || output), tightly packed.
    function attestation(bytes32 modelId, bytes32 inputHash, bytes calldata output) public pure returns (bytes32) {
        return keccak256(abi.encodePacked(modelId, inputHash, output));
    }

    function _commitment(
        address requester,
        bytes32 modelId,
        bytes32 inputHash,
        address callback,
        uint32 callbackGasLimit,
        uint64 expiresAt
    ) private pure returns (bytes32) {
        return keccak256(abi.encode(requester, modelId, inputHash, callback, callbackGasLimit, expiresAt));
    }
}
