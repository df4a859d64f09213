package org.neuroracle.daoserver.oracle;

import org.neuroracle.forecast.data.Decimals;
import org.neuroracle.forecast.service.TreasuryQuery;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Builds a treasury's canonical daily series from the chain as of the pinned block: for each ERC-20 token, its
 * {@code Transfer} logs from and to the treasury (inflow and outflow per UTC day of the block time) and
 * {@code balanceOf(treasury)} at the pinned block; the balance of each earlier day is that balance minus the net
 * flows after it. Several tokens are summed in token units (meaningful for tokens of one unit, such as several
 * dollar stablecoins); the series runs from the first transfer's day to the pinned block's day.
 */
public final class TreasuryReader {
    @SuppressWarnings("rawtypes")
    static final Event TRANSFER = new Event("Transfer", List.of(new TypeReference<Address>(true) {}, new TypeReference<Address>(true) {},
            new TypeReference<Uint256>() {}));
    static final String TRANSFER_TOPIC = EventEncoder.encode(TRANSFER);

    private TreasuryReader() {}

    public static TreasuryQuery read(ChainReader chain, long chainId, String treasury, List<String> tokens, int maxDays, long fromBlock)
            throws IOException {
        if (tokens.isEmpty()) throw new IllegalArgumentException("tokens: at least one token");
        TreeMap<LocalDate, BigDecimal[]> flows = new TreeMap<>(); // day -> {inflow, outflow}
        BigDecimal balance = BigDecimal.ZERO;
        String topic = ChainReader.topicOfAddress(treasury);
        for (String token : tokens) {
            int decimals = GovernorReader.decimals(chain, token);
            @SuppressWarnings("rawtypes")
            List<Type> bal = chain.call(token, NeuroOracleAbi.call("balanceOf(address)", new Address(treasury)), GovernorReader.uints(1));
            if (bal == null) throw new IllegalArgumentException("tokens: " + token + " does not answer balanceOf (not an ERC-20?)");
            balance = balance.add(new BigDecimal(GovernorReader.num(bal.getFirst())).movePointLeft(decimals));
            for (int direction = 0; direction < 2; direction++) {
                List<Log> logs = direction == 0 ? chain.logs(token, List.of(TRANSFER_TOPIC), null, topic, fromBlock)
                        : chain.logs(token, List.of(TRANSFER_TOPIC), topic, null, fromBlock);
                for (Log l : logs) {
                    if (l.getTopics().size() != 3) continue; // ERC-721 Transfer has the id indexed too
                    BigDecimal amount = new BigDecimal(Numeric.toBigInt(l.getData())).movePointLeft(decimals);
                    LocalDate day = LocalDate.ofInstant(Instant.ofEpochSecond(chain.time(l.getBlockNumber().longValueExact())), ZoneOffset.UTC);
                    BigDecimal[] f = flows.computeIfAbsent(day, d -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
                    // A transfer from the treasury to itself moves nothing; it is counted both ways, which cancels.
                    f[direction] = f[direction].add(amount);
                }
            }
        }
        LocalDate last = LocalDate.ofInstant(Instant.ofEpochSecond(chain.time(chain.asOfBlock())), ZoneOffset.UTC);
        LocalDate first = flows.isEmpty() ? last : flows.firstKey();
        if (first.plusDays(maxDays - 1L).isBefore(last)) first = last.minusDays(maxDays - 1L);
        List<TreasuryQuery.Day> days = new ArrayList<>();
        BigDecimal end = balance;
        List<BigDecimal[]> rows = new ArrayList<>();
        for (LocalDate d = last; !d.isBefore(first); d = d.minusDays(1)) {
            BigDecimal[] f = flows.getOrDefault(d, new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            rows.add(new BigDecimal[]{f[0], f[1], end});
            end = end.subtract(f[0]).add(f[1]);
        }
        LocalDate d = first;
        for (int i = rows.size() - 1; i >= 0; i--, d = d.plusDays(1)) {
            BigDecimal[] r = rows.get(i);
            days.add(new TreasuryQuery.Day(d.toString(), Decimals.text(r[0]), Decimals.text(r[1]), Decimals.text(r[2].max(BigDecimal.ZERO))));
        }
        String asset = tokens.size() == 1 ? tokens.getFirst().toLowerCase() : "sum:" + String.join(",", tokens).toLowerCase();
        return new TreasuryQuery("eip155:" + chainId + ":" + treasury.toLowerCase(), asset, days, null).validate();
    }

}
