package vmlab.machine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * A 16550-style UART at 0x1000_0000 (byte registers, as QEMU's {@code virt} board has it). Transmission is instant: the
 * transmitter is always empty, every byte written to THR lands in {@link #output()} (and in an optional host stream).
 * Received bytes come from a queue the host fills with {@link #type(String)}. No interrupts: guests poll LSR.
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
    private OutputStream echo;
    private int ier, lcr, mcr, scr, divisorLow, divisorHigh;

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

    /** Queues bytes for the guest to receive. */
    public void type(String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            input.add(b);
        }
    }

    @Override
    public long read(int offset, int size) {
        if (size != 1) {
            return Bus.FAULT;
        }
        boolean dlab = (lcr & 0x80) != 0;
        return switch (offset) {
            case 0 -> dlab ? divisorLow : input.isEmpty() ? 0 : input.poll() & 0xFF;
            case 1 -> dlab ? divisorHigh : ier;
            case 2 -> 0xC1; // FIFOs enabled, no interrupt pending
            case 3 -> lcr;
            case 4 -> mcr;
            case 5 -> 0x60 | (input.isEmpty() ? 0 : 1);
            case 6 -> 0xB0; // DCD, DSR, CTS
            case 7 -> scr;
            default -> Bus.FAULT;
        };
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
        return true;
    }

    private void transmit(int value) {
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
