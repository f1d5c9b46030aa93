package org.oscartransport.gateway.bench;

/** Heap after GC, Netty's direct buffers in use and RSS, taken together. */
record MemorySnapshot(long heap, long direct, long rss) {

    static MemorySnapshot take() {
        long heap = ProcessMeters.heapAfterGc();
        return new MemorySnapshot(heap, ProcessMeters.nettyDirectBytes(), ProcessMeters.rssBytes());
    }

    MemorySnapshot minus(MemorySnapshot before) {
        return new MemorySnapshot(heap - before.heap, direct - before.direct, rss - before.rss);
    }
}
