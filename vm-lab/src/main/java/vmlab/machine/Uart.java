package vmlab.machine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An ns16550a UART at 0x1000_0000 (byte registers, as QEMU's {@code virt} board has it, IRQ 10 on its PLIC).
 * Transmission is instant: the transmitter is always empty, every byte written to THR lands in {@link #output()} (and in
 * an optional host stream). Received bytes come from {@link #type(String)}; they reach the receive FIFO at the next
 * check point, so when a guest sees them does not depend on the host's timing.
 *
 * <p>Interrupts, as a Linux or OpenSBI 8250 driver expects them: IER bit 0 asks for "data ready", bit 1 for "transmitter
 * holding register empty". The THRE interrupt is raised when ETBEI is set or a byte has been sent, and cleared by reading
 * IIR while it is the reported cause or by writing THR. IIR reports the highest-priority cause (data ready 0x4, THRE 0x2,
 * none 0x1), with the FIFO bits 0xC0. A guest that enables no interrupt polls LSR, as before.
 *
 * <pre>
 * +0 RBR (read) / THR (write)   +1 IER   +2 IIR (read) / FCR (write)   +3 LCR (bit 7 = DLAB: +0/+1 become the divisor)
 * +4 MCR   +5 LSR (bit 0 data ready, bit 5 THR empty, bit 6 transmitter empty)   +6 MSR   +7 SCR
 * </pre>
 */
public final class Uart implements Device {
    public static final int BASE = 0x1000_0000;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final ArrayDeque<Byte> input = new ArrayDeque<>();
    /** Bytes the host typed that the guest cannot see yet: they move to {@link #input} at the next check point. */
    private final ConcurrentLinkedQueue<Byte> typed = new ConcurrentLinkedQueue<>();
    private OutputStream echo;
    private int ier, lcr, mcr, scr, divisorLow, divisorHigh;
    private boolean transmitterEmptyInterrupt;
    private IrqLine irq = IrqLine.NONE;
    private boolean irqLevel;

    /** Connects the UART's interrupt output (the board wires it to PLIC source 10). */
    public void connect(IrqLine line) {
        this.irq = line;
        irqLevel = false;
        updateIrq();
    }

    @Override
    public String name() {
        return "UART";
    }

    @Override
    public int base() {
        return BASE;
    }

    @Override
    public int size() {
        return 0x100;
    }

    /** Also copy every transmitted byte to this stream (the CLI passes System.out). */
    public void echoTo(OutputStream stream) {
        this.echo = stream;
    }

    /** Everything the guest has transmitted so far. */
    public String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    public byte[] outputBytes() {
        return output.toByteArray();
    }

    /** Queues bytes for the guest to receive (any thread may call this, even while the machine runs). */
    public void type(String text) {
        type(text.getBytes(StandardCharsets.UTF_8), text.getBytes(StandardCharsets.UTF_8).length);
    }

    /** Queues the first {@code length} of {@code bytes} for the guest to receive. */
    public void type(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            typed.add(bytes[i]);
        }
    }

    /** Moves typed bytes into the receive FIFO; the machine calls this at check points. True if any arrived. */
    public boolean receiveTyped() {
        boolean any = false;
        for (Byte b; (b = typed.poll()) != null; ) {
            input.add(b);
            any = true;
        }
        if (any) {
            updateIrq();
        }
        return any;
    }

    /** Bytes typed or received that the guest has not read yet. */
    public int unread() {
        return input.size() + typed.size();
    }

    /** Back to power-on: registers cleared; output and input the guest has not read yet are kept. */
    public void reset() {
        ier = lcr = mcr = scr = divisorLow = divisorHigh = 0;
        transmitterEmptyInterrupt = false;
        updateIrq();
    }

    /** The IIR value: the highest-priority interrupt cause, with the "FIFOs enabled" bits. */
    private int interruptIdentification() {
        if ((ier & 1) != 0 && !input.isEmpty()) {
            return 0xC4;
        }
        if ((ier & 2) != 0 && transmitterEmptyInterrupt) {
            return 0xC2;
        }
        return 0xC1;
    }

    private void updateIrq() {
        boolean high = (interruptIdentification() & 1) == 0;
        if (high != irqLevel) {
            irqLevel = high;
            irq.set(high);
        }
    }

    @Override
    public long read(int offset, int size) {
        if (size != 1) {
            return Bus.FAULT;
        }
        boolean dlab = (lcr & 0x80) != 0;
        long value = switch (offset) {
            case 0 -> dlab ? divisorLow : input.isEmpty() ? 0 : input.poll() & 0xFF;
            case 1 -> dlab ? divisorHigh : ier;
            case 2 -> {
                int iir = interruptIdentification();
                if (iir == 0xC2) {
                    transmitterEmptyInterrupt = false; // reading IIR acknowledges THRE
                }
                yield iir;
            }
            case 3 -> lcr;
            case 4 -> mcr;
            case 5 -> 0x60 | (input.isEmpty() ? 0 : 1);
            case 6 -> 0xB0; // DCD, DSR, CTS
            case 7 -> scr;
            default -> Bus.FAULT;
        };
        updateIrq();
        return value;
    }

    @Override
    public boolean write(int offset, int size, int value) {
        if (size != 1) {
            return false;
        }
        boolean dlab = (lcr & 0x80) != 0;
        switch (offset) {
            case 0 -> {
                if (dlab) {
                    divisorLow = value & 0xFF;
                } else {
                    transmit(value);
                }
            }
            case 1 -> {
                if (dlab) {
                    divisorHigh = value & 0xFF;
                } else {
                    if ((value & 2) != 0) {
                        transmitterEmptyInterrupt = true; // enabling ETBEI with THR empty interrupts at once
                    }
                    ier = value & 0x0F;
                }
            }
            case 2 -> { } // FCR: FIFOs are always on
            case 3 -> lcr = value & 0xFF;
            case 4 -> mcr = value & 0x1F;
            case 5, 6 -> { } // read-only status registers ignore writes, as on the 16550
            case 7 -> scr = value & 0xFF;
            default -> {
                return false;
            }
        }
        updateIrq();
        return true;
    }

    private void transmit(int value) {
        transmitterEmptyInterrupt = true; // the byte left at once: THR is empty again
        output.write(value);
        if (echo != null) {
            try {
                echo.write(value);
                echo.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy UART output to the host", e);
            }
        }
    }
}
