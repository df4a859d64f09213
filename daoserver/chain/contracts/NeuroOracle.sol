// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

/// Implemented by contracts that ask Neuroracle for forecasts: the requester is the callback.
interface INeuroOracleConsumer {
    /// Called once per request, by the oracle only, when k authorised nodes attested the same output bytes.
    /// `output` is ABI encoded; decode it with NeuroracleAnswer.
    function onForecast(bytes32 requestId, bytes calldata output) external;
}

/// @title NeuroOracle: k-of-n EIP-712 attested forecasts from Neuroracle nodes, paid from an escrowed fee.
/// @notice A request names on-chain facts (a Governor and a proposal id, or a treasury and its tokens) as of a
/// pinned block, or (explicit kind) carries its canonical input. Every node reads the chain itself as of that block,
/// builds the canonical input, forecasts, and signs the EIP-712 struct
/// `Attestation(bytes32 requestId,bytes32 modelId,bytes32 inputHash,bytes32 outputHash)` under this contract's
/// domain {name "NeuroOracle", version "2", chainId, verifyingContract}. When `threshold` distinct authorised signers
/// (still authorised at that moment) signed the same struct, the request is finalised: it is marked closed,
/// the fee is credited to those signers, and the requester's `onForecast` runs once with the stated gas. A valid
/// attestation that arrives later in the very block that finalised the request is recorded as a no-op
/// (`ForecastRespondedLate`), not reverted: nodes answering at the same confirmation depth land in one block.
contract NeuroOracle is AccessControl, EIP712 {
    bytes32 public constant NODE_ROLE = keccak256("NEURORACLE_NODE");
    bytes32 public constant ATTESTATION_TYPEHASH =
        keccak256("Attestation(bytes32 requestId,bytes32 modelId,bytes32 inputHash,bytes32 outputHash)");
    /// Upper bound on the callback gas a requester may ask for, so a finalising fulfilment always fits a block.
    uint32 public constant MAX_CALLBACK_GAS = 2_000_000;
    uint64 public constant MAX_TTL_SECONDS = 1 days;
    /// Gas one node's non-finalising fulfil transaction may use (measured ~110k; see ORACLE.md's gas table). The
    /// fee covers this for each of the k nodes plus the callback gas, at the requester's stated gas price.
    uint32 public constant FULFIL_GAS_PER_NODE = 200_000;
    uint32 public constant MAX_TOKENS = 8;
    /// Gas kept back for finalisation besides the callback: deleting the commitment, the event, the call itself.
    uint256 public constant CALLBACK_RESERVE_GAS = 60_000;
    /// Gas per agreeing node for its payout credit (a fresh `owed` slot in the worst case).
    uint256 public constant PAYOUT_GAS_PER_NODE = 30_000;

    uint8 public constant KIND_EXPLICIT = 0;
    uint8 public constant KIND_VOTE = 1;
    uint8 public constant KIND_TREASURY = 2;

    /// k: how many distinct authorised signers must submit the same attestation. Always n/2 < k <= n.
    uint8 public threshold;
    /// n: how many addresses hold NODE_ROLE.
    uint16 public nodeCount;
    /// Monotonic request counter; part of every request id.
    uint256 public requestNonce;

    /// requestId => keccak256 of the request parameters; zero when unknown or cancelled. Kept after finalisation,
    /// so a late attestation in the finalising block can still be checked against it.
    mapping(bytes32 => bytes32) public commitments;
    /// requestId => the block that finalised it (0 while open).
    mapping(bytes32 => uint256) public finalisedInBlock;
    /// requestId => attestation digest => signers that submitted it, in order.
    mapping(bytes32 => mapping(bytes32 => address[])) private _voters;
    /// requestId => signer => already submitted (one vote per node and request, whatever its answer).
    mapping(bytes32 => mapping(address => bool)) public responded;
    /// Fees earned by nodes (and refunds), withdrawn by their owners (pull payments: a node cannot block others).
    mapping(address => uint256) public owed;

    /// What a fulfilment repeats from `ForecastRequested`; checked against the stored commitment.
    struct Request {
        bytes32 requestId;
        address requester;
        bytes32 modelId;
        uint8 kind;
        /// explicit kind: sha256 of the input; other kinds: zero (the nodes compute it from the chain)
        bytes32 inputHash;
        /// keccak256 of the event's `subject` bytes
        bytes32 subjectHash;
        uint32 callbackGasLimit;
        uint64 expiresAt;
        uint64 asOfBlock;
        uint256 fee;
    }

    /// `subject`: explicit: the canonical input bytes; vote: abi.encode(governor, proposalId);
    /// treasury: abi.encode(treasury, tokens). `asOfBlockHash` lets nodes check they read the pinned block.
    event ForecastRequested(
        bytes32 indexed requestId,
        address indexed requester,
        bytes32 indexed modelId,
        uint8 kind,
        bytes32 inputHash,
        uint32 callbackGasLimit,
        uint64 expiresAt,
        uint64 asOfBlock,
        bytes32 asOfBlockHash,
        uint256 fee,
        bytes subject
    );
    event ForecastResponded(bytes32 indexed requestId, address indexed signer, bytes32 attestation, uint256 votes);
    event ForecastFulfilled(bytes32 indexed requestId, bytes32 attestation, bytes output, bool callbackSucceeded);
    /// A valid attestation mined after the finalising one in the same block: recorded (one per signer), not paid.
    event ForecastRespondedLate(bytes32 indexed requestId, address indexed signer, bytes32 attestation);
    event ForecastCancelled(bytes32 indexed requestId, uint256 refund);
    event ThresholdChanged(uint8 threshold, uint16 nodeCount);

    error UnknownRequest(bytes32 requestId);
    error AlreadyFulfilled(bytes32 requestId);
    error RequestExpired(bytes32 requestId, uint64 expiresAt);
    error NotExpired(bytes32 requestId, uint64 expiresAt);
    error CommitmentMismatch(bytes32 requestId);
    error InputHashMismatch(bytes32 requestId);
    error UnauthorisedSigner(address signer);
    error AlreadyResponded(bytes32 requestId, address signer);
    error NotRequester(address caller);
    error InvalidThreshold(uint8 threshold, uint16 nodeCount);
    error InvalidTtl(uint64 ttlSeconds);
    error InvalidCallbackGas(uint32 callbackGasLimit);
    error InvalidSubject();
    error GasPriceBelowBaseFee(uint256 gasPriceWei, uint256 baseFeeWei);
    error FeeTooLow(uint256 sent, uint256 required);
    error InsufficientGas(uint32 callbackGasLimit);
    error NothingOwed(address account);
    error PaymentFailed(address account);
    /// The given pin is the current block or later: its hash is not known yet.
    error PinnedBlockNotPast(uint64 asOfBlock, uint256 blockNumber);
    /// The given pin is more than 256 blocks back: `blockhash` no longer knows it.
    error PinnedBlockTooOld(uint64 asOfBlock, uint256 blockNumber);
    /// `blockhash` returned zero for a pin inside the window (a chain that does not keep block hashes).
    error PinnedBlockHashUnknown(uint64 asOfBlock);

    constructor(address admin, address[] memory nodes, uint8 k) EIP712("NeuroOracle", "2") {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        for (uint256 i = 0; i < nodes.length; i++) {
            _grantRole(NODE_ROLE, nodes[i]);
        }
        _setThreshold(k);
    }

    // ---- node set (governed by DEFAULT_ADMIN_ROLE: a TimelockController in the deploy tooling)

    function setThreshold(uint8 k) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setThreshold(k);
    }

    function _setThreshold(uint8 k) private {
        _checkThreshold(k, nodeCount);
        threshold = k;
        emit ThresholdChanged(k, nodeCount);
    }

    /// A majority of the node set must agree (k > n/2), so two conflicting answers can never both finalise.
    function _checkThreshold(uint8 k, uint16 n) private pure {
        if (k == 0 || k > n || 2 * uint256(k) <= n) revert InvalidThreshold(k, n);
    }

    function _grantRole(bytes32 role, address account) internal override returns (bool granted) {
        granted = super._grantRole(role, account);
        if (granted && role == NODE_ROLE) {
            nodeCount++;
            if (threshold != 0) _checkThreshold(threshold, nodeCount);
        }
    }

    function _revokeRole(bytes32 role, address account) internal override returns (bool revoked) {
        revoked = super._revokeRole(role, account);
        if (revoked && role == NODE_ROLE) {
            nodeCount--;
            _checkThreshold(threshold, nodeCount);
        }
    }

    // ---- requests

    /// The least fee a request with this callback gas and gas price must escrow; anything above is node reward.
    function minFee(uint32 callbackGasLimit, uint256 gasPriceWei) public view returns (uint256) {
        return (uint256(callbackGasLimit) + uint256(threshold) * FULFIL_GAS_PER_NODE) * gasPriceWei;
    }

    /// @notice Forecast of proposal `proposalId` of `governor` (OpenZeppelin Governor or Compound GovernorBravo)
    /// as of the previous block. The caller receives `onForecast`.
    function requestVoteForecast(
        address governor,
        uint256 proposalId,
        bytes32 modelId,
        uint32 callbackGasLimit,
        uint64 ttlSeconds,
        uint256 gasPriceWei
    ) external payable returns (bytes32) {
        return _openVote(governor, proposalId, uint64(block.number - 1), modelId, callbackGasLimit, ttlSeconds, gasPriceWei);
    }

    /// @notice As `requestVoteForecast`, as of a given recent block (one of the 256 before this one, whose hash the
    /// contract checks with `blockhash`): every node reads the Governor as of that block.
    function requestVoteForecastAt(
        address governor,
        uint256 proposalId,
        uint64 asOfBlock,
        bytes32 modelId,
        uint32 callbackGasLimit,
        uint64 ttlSeconds,
        uint256 gasPriceWei
    ) external payable returns (bytes32) {
        return _openVote(governor, proposalId, asOfBlock, modelId, callbackGasLimit, ttlSeconds, gasPriceWei);
    }

    function _openVote(
        address governor,
        uint256 proposalId,
        uint64 asOfBlock,
        bytes32 modelId,
        uint32 callbackGasLimit,
        uint64 ttlSeconds,
        uint256 gasPriceWei
    ) private returns (bytes32) {
        if (governor.code.length == 0) revert InvalidSubject();
        return _open(KIND_VOTE, modelId, bytes32(0), abi.encode(governor, proposalId), asOfBlock, callbackGasLimit, ttlSeconds, gasPriceWei);
    }

    /// @notice Forecast of `treasury`'s flows of ERC-20 `tokens` (daily series from Transfer logs and balances up to
    /// the previous block).
    function requestTreasuryForecast(
        address treasury,
        address[] calldata tokens,
        bytes32 modelId,
        uint32 callbackGasLimit,
        uint64 ttlSeconds,
        uint256 gasPriceWei
    ) external payable returns (bytes32) {
        return _openTreasury(treasury, tokens, uint64(block.number - 1), modelId, callbackGasLimit, ttlSeconds, gasPriceWei);
    }

    /// @notice As `requestTreasuryForecast`, up to a given recent block (one of the 256 before this one).
    function requestTreasuryForecastAt(
        address treasury,
        address[] calldata tokens,
        uint64 asOfBlock,
        bytes32 modelId,
        uint32 callbackGasLimit,
        uint64 ttlSeconds,
        uint256 gasPriceWei
    ) external payable returns (bytes32) {
        return _openTreasury(treasury, tokens, asOfBlock, modelId, callbackGasLimit, ttlSeconds, gasPriceWei);
    }

    function _openTreasury(
        address treasury,
        address[] calldata tokens,
        uint64 asOfBlock,
        bytes32 modelId,
        uint32 callbackGasLimit,
        uint64 ttlSeconds,
        uint256 gasPriceWei
    ) private returns (bytes32) {
        if (tokens.length == 0 || tokens.length > MAX_TOKENS) revert InvalidSubject();
        return _open(KIND_TREASURY, modelId, bytes32(0), abi.encode(treasury, tokens), asOfBlock, callbackGasLimit, ttlSeconds, gasPriceWei);
    }

    /// @notice Forecast on explicit canonical input bytes (the HTTP API's JSON body); nodes check it against the
    /// same schema and bounds as the HTTP service.
    function request(bytes32 modelId, bytes calldata input, uint32 callbackGasLimit, uint64 ttlSeconds, uint256 gasPriceWei)
        external
        payable
        returns (bytes32)
    {
        return _open(KIND_EXPLICIT, modelId, sha256(input), input, uint64(block.number - 1), callbackGasLimit, ttlSeconds, gasPriceWei);
    }

    function _open(
        uint8 kind,
        bytes32 modelId,
        bytes32 inputHash,
        bytes memory subject,
        uint64 asOfBlock,
        uint32 callbackGasLimit,
        uint64 ttlSeconds,
        uint256 gasPriceWei
    ) private returns (bytes32 requestId) {
        if (asOfBlock >= block.number) revert PinnedBlockNotPast(asOfBlock, block.number);
        if (block.number - asOfBlock > 256) revert PinnedBlockTooOld(asOfBlock, block.number);
        bytes32 asOfBlockHash = blockhash(asOfBlock);
        if (asOfBlockHash == bytes32(0)) revert PinnedBlockHashUnknown(asOfBlock);
        if (ttlSeconds == 0 || ttlSeconds > MAX_TTL_SECONDS) revert InvalidTtl(ttlSeconds);
        if (callbackGasLimit > MAX_CALLBACK_GAS) revert InvalidCallbackGas(callbackGasLimit);
        if (gasPriceWei < block.basefee || gasPriceWei == 0) revert GasPriceBelowBaseFee(gasPriceWei, block.basefee);
        uint256 required = minFee(callbackGasLimit, gasPriceWei);
        if (msg.value < required) revert FeeTooLow(msg.value, required);
        Request memory r = Request({
            requestId: bytes32(0),
            requester: msg.sender,
            modelId: modelId,
            kind: kind,
            inputHash: inputHash,
            subjectHash: keccak256(subject),
            callbackGasLimit: callbackGasLimit,
            expiresAt: uint64(block.timestamp) + ttlSeconds,
            asOfBlock: asOfBlock,
            fee: msg.value
        });
        bytes32 commitment = _commitment(r);
        // Binding chain id, contract and nonce makes the id unique across chains, deployments and requests; binding
        // the commitment as well means an id that reappears after a reorg names the very same request.
        requestId = keccak256(abi.encode(block.chainid, address(this), requestNonce++, commitment));
        commitments[requestId] = commitment;
        emit ForecastRequested(
            requestId, msg.sender, modelId, kind, inputHash, callbackGasLimit, r.expiresAt, r.asOfBlock,
            asOfBlockHash, msg.value, subject
        );
    }

    // ---- answers

    /// @notice Submits one node's answer. Anyone may relay it; what counts is the recovered signer.
    /// @return finalisedNow true when this submission reached the threshold and the callback ran.
    function fulfil(Request calldata r, bytes32 inputHash, bytes calldata output, bytes calldata signature)
        external
        returns (bool finalisedNow)
    {
        bytes32 requestId = r.requestId;
        bytes32 stored = commitments[requestId];
        if (stored == bytes32(0)) revert UnknownRequest(requestId);
        if (stored != _commitment(r)) revert CommitmentMismatch(requestId);
        uint256 closedIn = finalisedInBlock[requestId];
        // Later than the finalising block, a vote changes nothing and the node learns it from its simulation.
        if (closedIn != 0 && closedIn != block.number) revert AlreadyFulfilled(requestId);
        if (block.timestamp > r.expiresAt) revert RequestExpired(requestId, r.expiresAt);
        if (r.kind == KIND_EXPLICIT && inputHash != r.inputHash) revert InputHashMismatch(requestId);

        bytes32 att = attestationDigest(requestId, r.modelId, inputHash, keccak256(output));
        address signer = ECDSA.recover(att, signature);
        if (!hasRole(NODE_ROLE, signer)) revert UnauthorisedSigner(signer);
        if (responded[requestId][signer]) revert AlreadyResponded(requestId, signer);
        responded[requestId][signer] = true;
        if (closedIn != 0) {
            // Finalised earlier in this very block by other nodes' votes: a node that answered at the same depth
            // could not know. Recorded, so its answer stays on the record, but neither counted nor paid.
            emit ForecastRespondedLate(requestId, signer, att);
            return false;
        }
        address[] storage signers = _voters[requestId][att];
        signers.push(signer);
        // Votes of signers revoked since they voted no longer count.
        uint256 live = 0;
        for (uint256 i = 0; i < signers.length; i++) {
            if (hasRole(NODE_ROLE, signers[i])) live++;
        }
        emit ForecastResponded(requestId, signer, att, live);
        if (live < threshold) return false;

        // Checked before any effect: a node must not be able to starve the callback (EIP-150 passes on at most 63/64
        // of the remaining gas), and the payouts below must fit too.
        if (gasleft() < uint256(r.callbackGasLimit) * 64 / 63 + CALLBACK_RESERVE_GAS + PAYOUT_GAS_PER_NODE * live) {
            revert InsufficientGas(r.callbackGasLimit);
        }
        // Effects before the interaction: the request is closed before the consumer's code runs (a re-entrant fulfil
        // in the same block is a late vote at most; its signer already responded or is not authorised).
        finalisedInBlock[requestId] = block.number;
        uint256 share = r.fee / live;
        uint256 rest = r.fee - share * live;
        for (uint256 i = 0; i < signers.length; i++) {
            if (hasRole(NODE_ROLE, signers[i])) {
                owed[signers[i]] += share + rest;
                rest = 0;
            }
        }
        // A failing consumer must not make the nodes' transaction fail (they would retry forever); its failure is
        // recorded in the event instead.
        (bool ok,) = r.requester.call{gas: r.callbackGasLimit}(
            abi.encodeCall(INeuroOracleConsumer.onForecast, (requestId, output))
        );
        emit ForecastFulfilled(requestId, att, output, ok);
        return true;
    }

    /// @notice Lets the requester close an expired, unfinalised request and take its fee back.
    function cancel(Request calldata r) external {
        bytes32 stored = commitments[r.requestId];
        if (stored == bytes32(0)) revert UnknownRequest(r.requestId);
        if (stored != _commitment(r)) revert CommitmentMismatch(r.requestId);
        if (finalisedInBlock[r.requestId] != 0) revert AlreadyFulfilled(r.requestId);
        if (msg.sender != r.requester) revert NotRequester(msg.sender);
        if (block.timestamp <= r.expiresAt) revert NotExpired(r.requestId, r.expiresAt);
        delete commitments[r.requestId];
        owed[r.requester] += r.fee;
        emit ForecastCancelled(r.requestId, r.fee);
    }

    /// @notice Pays out what the caller earned (node fees) or was refunded.
    function withdraw() external {
        uint256 amount = owed[msg.sender];
        if (amount == 0) revert NothingOwed(msg.sender);
        owed[msg.sender] = 0;
        (bool ok,) = msg.sender.call{value: amount}("");
        if (!ok) revert PaymentFailed(msg.sender);
    }

    /// The signers that submitted `attestation` for a request, in order (revoked ones included).
    function voters(bytes32 requestId, bytes32 attestation) external view returns (address[] memory) {
        return _voters[requestId][attestation];
    }

    /// @notice The EIP-712 digest nodes sign: hashTypedData(domain, Attestation(requestId, modelId, inputHash, outputHash)).
    function attestationDigest(bytes32 requestId, bytes32 modelId, bytes32 inputHash, bytes32 outputHash)
        public
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(keccak256(abi.encode(ATTESTATION_TYPEHASH, requestId, modelId, inputHash, outputHash)));
    }

    function _commitment(Request memory r) private pure returns (bytes32) {
        return keccak256(
            abi.encode(
                r.requester, r.modelId, r.kind, r.inputHash, r.subjectHash, r.callbackGasLimit, r.expiresAt, r.asOfBlock, r.fee
            )
        );
    }
}
