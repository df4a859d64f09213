// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title BravoShapedGovernor: a test double with Compound GovernorBravo's read surface, for the oracle node's reader.
/// @notice Not a governor: it has Bravo's `proposals(id)` getter layout, `quorumVotes()`, `comp()` and its
/// `VoteCast(voter, proposalId, support, votes, reason)` event, with weights set by the test instead of read from
/// COMP checkpoints. Compound's own contracts are not vendored here.
contract BravoShapedGovernor {
    struct Proposal {
        uint256 id;
        address proposer;
        uint256 eta;
        uint256 startBlock;
        uint256 endBlock;
        uint256 forVotes;
        uint256 againstVotes;
        uint256 abstainVotes;
        bool canceled;
        bool executed;
    }

    mapping(uint256 => Proposal) public proposals;
    uint256 public proposalCount;
    uint256 public quorumVotes;
    address public comp;

    event VoteCast(address indexed voter, uint256 proposalId, uint8 support, uint256 votes, string reason);

    constructor(address comp_, uint256 quorumVotes_) {
        comp = comp_;
        quorumVotes = quorumVotes_;
    }

    function propose(uint256 votingDelayBlocks, uint256 votingPeriodBlocks) external returns (uint256 id) {
        id = ++proposalCount;
        Proposal storage p = proposals[id];
        p.id = id;
        p.proposer = msg.sender;
        p.startBlock = block.number + votingDelayBlocks;
        p.endBlock = p.startBlock + votingPeriodBlocks;
    }

    function castVote(uint256 proposalId, uint8 support, uint256 votes) external {
        Proposal storage p = proposals[proposalId];
        require(block.number > p.startBlock && block.number <= p.endBlock, "voting is closed");
        if (support == 0) p.againstVotes += votes;
        else if (support == 1) p.forVotes += votes;
        else p.abstainVotes += votes;
        emit VoteCast(msg.sender, proposalId, support, votes, "");
    }
}
