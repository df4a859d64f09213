package org.neuroracle.forecast.importers;

import org.neuroracle.forecast.data.GovernanceData;

import java.util.List;

/** What an importer produced, plus what it read and what it left out (and why), for the CLI summary. */
public record ImportResult(GovernanceData data, long proposalEvents, long voteEvents, List<String> notes) {}
