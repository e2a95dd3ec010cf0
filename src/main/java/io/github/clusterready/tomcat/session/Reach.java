package io.github.clusterready.tomcat.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A class whose fields are to be checked: how it was reached (the reach before it and the field between, so
 * that a long chain of classes costs one link each, not a path each), and where it was stored.
 */
final class Reach {
    /** How many steps of a path a finding shows at most: the first ones and the last ones. */
    static final int SHOWN_STEPS = 8;

    private static final int HEAD = SHOWN_STEPS / 2 - 1;
    private static final int TAIL = SHOWN_STEPS - HEAD;

    final String type;
    final Reach parent;
    final String field;
    final int depth;
    final String storedAt;
    /** The first {@link #HEAD} fields of the path, shared with the reaches after it once full. */
    private final String[] head;

    Reach(String type, Reach parent, String field, String storedAt) {
        this.type = type;
        this.parent = parent;
        this.field = field;
        this.depth = parent == null ? 0 : parent.depth + 1;
        this.storedAt = storedAt;
        if (parent == null) {
            head = new String[0];
        } else if (parent.head.length < HEAD) {
            head = Arrays.copyOf(parent.head, parent.head.length + 1);
            head[head.length - 1] = field;
        } else {
            head = parent.head;
        }
    }

    /**
     * The path from the stored value through {@code last}: {@code Cart.items -> CartItem.product -> Product.supplier};
     * a long one shows its first and last steps around {@code -> … (99,990 more) ->}. Costs as much for a
     * path of a hundred thousand steps as for one of ten.
     */
    String path(String last) {
        int steps = depth + (last == null ? 0 : 1);
        List<String> tail = new ArrayList<>();
        if (last != null) {
            tail.add(last);
        }
        for (Reach at = this; at != null && at.field != null && tail.size() < (steps <= SHOWN_STEPS ? steps
                : TAIL); at = at.parent) {
            tail.add(at.field);
        }
        Collections.reverse(tail);
        if (steps <= SHOWN_STEPS) {
            return String.join(" -> ", tail);
        }
        return String.join(" -> ", head) + " -> … (" + String.format(Locale.ROOT, "%,d",
                steps - HEAD - TAIL) + " more) -> " + String.join(" -> ", tail);
    }
}
