package io.switchboard.calllog.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a batch's call writes mean for leads: the leads that gain a call (a call new to the table, or moved to
 * them by an earlier report naming another campaign), the leads that lose one (the move's other side), and
 * the leads one of whose calls changed in place (its start, answer or ending), whose first or latest call
 * and status are read again.
 */
record LeadChanges(String[] gained, String[] lost, String[] touched) {
    /** A call as written: its lead now, and the lead it had before this write (null when it is new). */
    record Written(String lead, String previous) {
    }

    /** From the calls the batch wrote and the leads of the stored calls its endings changed. */
    static LeadChanges of(List<Written> written, List<String> ended) {
        List<String> gained = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        List<String> touched = new ArrayList<>(ended);
        for (Written w : written) {
            if (Objects.equals(w.lead(), w.previous())) {
                touched.add(w.lead());
            } else {
                gained.add(w.lead());
                if (w.previous() != null) {
                    lost.add(w.previous());
                }
            }
        }
        touched.removeIf(Objects::isNull);
        return new LeadChanges(gained.toArray(String[]::new), lost.toArray(String[]::new),
                touched.toArray(String[]::new));
    }

    boolean isEmpty() {
        return gained.length == 0 && lost.length == 0 && touched.length == 0;
    }
}
