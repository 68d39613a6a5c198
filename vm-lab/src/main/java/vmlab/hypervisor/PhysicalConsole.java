package vmlab.hypervisor;

import java.io.OutputStream;
import vmlab.machine.Uart;

/**
 * The host's one real UART, shared by every VM: a Type-1 monitor owns the physical devices, so it multiplexes the
 * console, each line a VM writes appearing on the host's UART with the VM's name in front, "[web] hello".
 */
final class PhysicalConsole extends OutputStream {
    private final String name;
    private final Uart host;
    private boolean atLineStart = true;

    PhysicalConsole(String name, Uart host) {
        this.name = name;
        this.host = host;
    }

    @Override
    public void write(int b) {
        if (atLineStart) {
            for (byte c : ("[" + name + "] ").getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                host.write(0, 1, c);
            }
        }
        host.write(0, 1, b);
        atLineStart = b == '\n';
    }
}
