package org.oscartransport.oscar.rate;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oscartransport.oscar.tlv.MalformedDataException;
import org.oscartransport.oscar.tlv.WireReads;

/**
 * A rate reply 0001/0007 (oscar.md §4.2): the classes and which (family, subtype) pairs belong to each. A SNAC
 * that no class lists is not limited: the reply is the server's whole statement of what it enforces.
 */
public record RateClasses(List<RateClass> classes, Map<Integer, List<Integer>> membersByClass) {

    /** The limits when a server announced none (or an empty reply): nothing is limited. */
    public static final RateClasses NONE = new RateClasses(List.of(), Map.of());

    public RateClasses {
        classes = List.copyOf(classes);
        Map<Integer, List<Integer>> copy = new LinkedHashMap<>();
        membersByClass.forEach((id, members) -> {
            if (!members.isEmpty()) {
                copy.put(id, List.copyOf(members));
            }
        });
        membersByClass = Map.copyOf(copy);
    }

    /** Key of a (family, subtype) pair in {@link #membersByClass}. */
    public static int member(int family, int subtype) {
        return (family & 0xFFFF) << 16 | (subtype & 0xFFFF);
    }

    /**
     * Parses a reply. Records normally carry the 5 extended bytes (we announce family-1 version 3); a reply whose
     * records are short is read again without them.
     */
    public static RateClasses read(ByteBuf body) {
        int start = body.readerIndex();
        try {
            return read(body, true);
        } catch (MalformedDataException extendedFailed) {
            body.readerIndex(start);
            return read(body, false);
        }
    }

    private static RateClasses read(ByteBuf body, boolean extended) {
        int count = WireReads.u16(body, "rate class count");
        WireReads.require(body, count * (extended ? RateClass.EXTENDED_LENGTH : RateClass.BASIC_LENGTH),
                "rate class records");
        List<RateClass> classes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            classes.add(RateClass.read(body, extended));
        }
        Map<Integer, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < count && body.isReadable(); i++) {
            int id = WireReads.u16(body, "rate member class id");
            int pairs = WireReads.u16(body, "rate member count");
            WireReads.require(body, 4 * pairs, "rate members");
            if (classes.stream().noneMatch(c -> c.id() == id)) {
                throw new MalformedDataException("rate members for unknown class " + id);
            }
            List<Integer> list = members.computeIfAbsent(id, k -> new ArrayList<>());
            for (int p = 0; p < pairs; p++) {
                list.add(body.readInt());
            }
        }
        return new RateClasses(classes, members);
    }

    /** Writes the reply with extended records. */
    public void write(ByteBuf out) {
        out.writeShort(classes.size());
        classes.forEach(c -> c.write(out));
        for (RateClass c : classes) {
            List<Integer> members = membersByClass.getOrDefault(c.id(), List.of());
            out.writeShort(c.id()).writeShort(members.size());
            members.forEach(out::writeInt);
        }
    }

    public List<Integer> classIds() {
        return classes.stream().map(RateClass::id).toList();
    }

    /** (family, subtype) → class ID; the first class wins when a server lists a pair twice. */
    public Map<Integer, Integer> memberIndex() {
        Map<Integer, Integer> index = new HashMap<>();
        membersByClass.forEach((id, members) -> members.forEach(m -> index.putIfAbsent(m, id)));
        return index;
    }
}
