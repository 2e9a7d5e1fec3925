package io.switchboard.calllog.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a batch's call writes mean for leads' attempts: the leads that gain a call (a call new to the table,
 * or moved to them by an earlier report naming another campaign) and the leads that lose one (the move's
 * other side). The leads whose first or latest call may have changed are found by room, in SQL.
 */
record LeadChanges(String[] gained, String[] lost) {
    /** A call as written: its lead now, and the lead it had before this write (null when it is new). */
    record Written(String lead, String previous) {
    }

    static LeadChanges of(List<Written> written) {
        List<String> gained = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        for (Written w : written) {
            if (!Objects.equals(w.lead(), w.previous())) {
                gained.add(w.lead());
                if (w.previous() != null) {
                    lost.add(w.previous());
                }
            }
        }
        return new LeadChanges(gained.toArray(String[]::new), lost.toArray(String[]::new));
    }
}
