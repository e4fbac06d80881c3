package dev.recur.tensor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed team of threads for work split into very short parts with barriers between them (a batch-1 streaming
 * step takes tens of microseconds; waking a parked thread alone takes about as long). The caller is member 0;
 * the other members are daemon threads that spin between calls and park only after {@code recur.spin.micros}
 * (default 200) without work, so a step that follows another soon finds them awake. Not for nesting: one
 * {@link #run} at a time, from one thread. Every member's body must reach the same number of {@link #barrier}s
 * and must not throw between them (the kernels it is for do not); an exception is rethrown by {@code run}.
 */
public final class SpinTeam implements AutoCloseable {
    private static final long SPIN_NANOS = Long.getLong("recur.spin.micros", 200) * 1000;

    private final int size;
    private final Thread[] workers;
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicInteger[] parked;
    private volatile int phase;
    private volatile IntConsumer body;
    private volatile boolean closed;
    private volatile Throwable failure;

    public SpinTeam(int size) {
        if (size < 1) throw new IllegalArgumentException("a team needs at least one member, got " + size);
        this.size = size;
        workers = new Thread[size - 1];
        parked = new AtomicInteger[size - 1];
        for (int i = 0; i < workers.length; i++) {
            int member = i + 1;
            parked[i] = new AtomicInteger();
            workers[i] = new Thread(() -> loop(member), "recur-spin-" + member);
            workers[i].setDaemon(true);
            workers[i].start();
        }
    }

    public int size() { return size; }

    /** Runs {@code body.accept(member)} on every member (0 on the calling thread) and waits for all of them. */
    public void run(IntConsumer body) {
        if (closed) throw new IllegalStateException("the team is closed");
        this.body = body;
        failure = null;
        generation.incrementAndGet();
        for (int i = 0; i < workers.length; i++) {
            if (parked[i].get() == 1) LockSupport.unpark(workers[i]);
        }
        try {
            body.accept(0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        barrier();
        Throwable f = failure;
        if (f instanceof RuntimeException r) throw r;
        if (f instanceof Error e) throw e;
    }

    /** Inside a body: returns when every member has reached its barrier of the same count. */
    public void barrier() {
        int ph = phase;
        if (arrived.incrementAndGet() == size) {
            arrived.set(0);
            phase = ph + 1;
        } else {
            for (int spins = 0; phase == ph; spins++) {
                if (spins < YIELD_AFTER_SPINS) Thread.onSpinWait();
                else Thread.yield();
            }
        }
    }

    /**
     * Spins (each a pause of tens of cycles, so about 10–50 µs in all) before a waiting member yields its core
     * at every further check. Without it, on a machine with more runnable threads than cores a member
     * spinning for one that the OS has descheduled burns its whole time slice: a 40 µs two-core streaming step
     * took 9 ms on a loaded 2-vCPU machine.
     */
    static final int YIELD_AFTER_SPINS = 1 << 10;

    private void loop(int member) {
        AtomicInteger myParked = parked[member - 1];
        int seen = 0;
        while (!closed) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            for (int spins = 0; generation.get() == seen && !closed; spins++) {
                if (System.nanoTime() < spinUntil) {
                    if (spins < YIELD_AFTER_SPINS) Thread.onSpinWait();
                    else Thread.yield();
                } else {
                    myParked.set(1);
                    if (generation.get() == seen && !closed) LockSupport.park(this);
                    myParked.set(0);
                    spinUntil = System.nanoTime() + SPIN_NANOS;
                }
            }
            if (closed) return;
            seen = generation.get();
            try {
                body.accept(member);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            barrier();
        }
    }

    /** Stops the member threads. */
    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) LockSupport.unpark(w);
    }
}
