package vmlab.lab;

import static vmlab.html.HtmlText.escape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import vmlab.engine.Engine;
import vmlab.hypervisor.VmState;

/**
 * Lesson 02's live demo: a few lab hosts, each a Type-1 monitor running labOS VMs that boot from their own disk image.
 * A stopped VM gives its CPU and memory back to its host and keeps only its disk; it can then be started on any host
 * from that disk, with its files still on it: the lecture's hotel room, which keeps your things and need not be the
 * same room when you come back.
 * <pre>
 * var dc = Lab.datacenter(3);                    // three hosts of 80 MiB, room for two labOS VMs each
 * dc.place("shop", "shop.img", 0);               // defined with its disk, powered on on host 0, at its shell prompt
 * dc.vm("shop").type("echo hi &gt; note.txt\n");
 * dc.stop("shop");                               // shuts down from its shell; host 0 gets its 33 MiB back
 * dc.startOn("shop", 2).type("cat note.txt\n");  // booted from the same disk on host 2
 * dc                                             // which VM runs where, each host's free memory
 * </pre>
 */
public final class LabDatacenter {
    /** Host RAM: two labOS VMs (32 MiB of RAM and 1 MiB of shadow page tables each) fit, a third does not. */
    static final int HOST_RAM_MIB = 80;
    private static final String PROMPT = "labos$ ";
    private final List<LabHypervisor> hosts = new ArrayList<>();
    private final Map<String, Tenant> tenants = new LinkedHashMap<>();

    /** A VM of the data center: its disk, the host it last started on (-1 if none) and its VM there. */
    private static final class Tenant {
        final Path disk;
        int host = -1;
        LabVm vm;

        Tenant(Path disk) {
            this.disk = disk;
        }

        /** Where it runs now: a VM that shut itself down, or that a cell powered off, runs nowhere. */
        int running() {
            boolean on = vm != null && (vm.guest().state() == VmState.RUNNING || vm.guest().state() == VmState.PAUSED);
            return on ? host : -1;
        }
    }

    LabDatacenter(int hostCount) {
        if (hostCount < 1 || hostCount > 8) {
            throw new IllegalArgumentException("a lab data center has between 1 and 8 hosts, not " + hostCount);
        }
        for (int i = 0; i < hostCount; i++) {
            hosts.add(new LabHypervisor(HOST_RAM_MIB << 20));
        }
    }

    /** The engine playing every host's hardware (the block compiler by default). */
    public LabDatacenter engine(Engine engine) {
        hosts.forEach(h -> h.engine(engine));
        return this;
    }

    /**
     * A new labOS VM whose disk is the host file {@code diskImage} (made with the course's programs if it does not exist),
     * powered on on host {@code host} and run to its shell prompt.
     */
    public LabVm place(String name, String diskImage, int host) {
        if (tenants.containsKey(name)) {
            throw new IllegalArgumentException("there is already a VM called " + name + ": use startOn to start it again");
        }
        checkHost(host);
        Path disk = Path.of(diskImage);
        if (tenants.values().stream().anyMatch(t -> t.disk.toAbsolutePath().equals(disk.toAbsolutePath()))) {
            throw new IllegalArgumentException("disk " + diskImage + " already belongs to another VM");
        }
        Tenant tenant = new Tenant(disk);
        tenants.put(name, tenant);
        return boot(name, tenant, host);
    }

    /**
     * Stops the VM as a cloud does: a clean shutdown ({@code poweroff} typed at its shell, so labOS writes its disk
     * out), or the plug pulled if it is not at its prompt. Its memory goes back to its host; its disk stays.
     */
    public LabDatacenter stop(String name) {
        Tenant tenant = tenant(name);
        if (tenant.running() < 0) {
            return this;
        }
        if (tenant.vm.guest().state() == VmState.RUNNING && tenant.vm.console().endsWith(PROMPT)) {
            tenant.vm.type("poweroff\n");
        }
        tenant.vm.powerOff(); // does nothing when the guest already shut itself down
        return this;
    }

    /** Starts a stopped VM on host {@code host} from its disk image, and runs it to its shell prompt. */
    public LabVm startOn(String name, int host) {
        Tenant tenant = tenant(name);
        checkHost(host);
        if (tenant.running() >= 0) {
            throw new IllegalStateException("VM " + name + " is running on host " + tenant.running() + ": stop it first");
        }
        return boot(name, tenant, host);
    }

    private LabVm boot(String name, Tenant tenant, int host) {
        LabHypervisor monitor = hosts.get(host);
        // a VM that once ran on this host is still defined there, powered off: boot that one again
        LabVm vm = monitor.vms().stream().filter(v -> v.guest().name().equals(name)).findFirst()
                .orElseGet(() -> monitor.labos(name, tenant.disk.toString()));
        vm.start(); // refused, with the host's free memory named, if it does not fit
        tenant.vm = vm;
        tenant.host = host;
        return vm;
    }

    /** The VM called {@code name} where it runs now (or where it last ran, if stopped). */
    public LabVm vm(String name) {
        Tenant tenant = tenant(name);
        if (tenant.vm == null) {
            throw new IllegalStateException("VM " + name + " has never started: startOn(\"" + name + "\", host) starts it");
        }
        return tenant.vm;
    }

    /** The host it runs on, or -1 when it is stopped. */
    public int hostOf(String name) {
        return tenant(name).running();
    }

    public LabHypervisor host(int host) {
        checkHost(host);
        return hosts.get(host);
    }

    public int hosts() {
        return hosts.size();
    }

    /** Host RAM that neither a VM nor the monitor holds. */
    public long freeMemoryKiB(int host) {
        return host(host).monitor().freeHostMemory() >> 10;
    }

    /** The names of the VMs running on {@code host}. */
    public List<String> vmsOn(int host) {
        checkHost(host);
        return tenants.entrySet().stream().filter(e -> e.getValue().running() == host).map(Map.Entry::getKey).toList();
    }

    /** One row per host: its free memory and the VMs on it. */
    public Table table() {
        IntColumn host = IntColumn.create("host");
        LongColumn free = LongColumn.create("free KiB");
        StringColumn vms = StringColumn.create("VMs running");
        for (int i = 0; i < hosts.size(); i++) {
            host.append(i);
            free.append(freeMemoryKiB(i));
            vms.append(String.join(", ", vmsOn(i)));
        }
        return Table.create("hosts", host, free, vms);
    }

    /** One row per VM: where it runs and its disk image. */
    public Table vms() {
        StringColumn name = StringColumn.create("VM"), where = StringColumn.create("host"), disk = StringColumn.create("disk");
        LongColumn size = LongColumn.create("disk KiB");
        tenants.forEach((n, t) -> {
            name.append(n);
            where.append(t.running() < 0 ? "stopped" : String.valueOf(t.running()));
            disk.append(t.disk.toString());
            size.append(diskKiB(t.disk));
        });
        return Table.create("VMs", name, where, disk, size);
    }

    public String toHtml() {
        StringBuilder html = new StringBuilder("<div><b>Lab data center</b> &middot; ").append(hosts.size())
                .append(" hosts of ").append(HOST_RAM_MIB).append(" MiB, each a Type-1 monitor (")
                .append(hosts.get(0).engine().name()).append(" as the hardware)</div><div style=\"display:flex;gap:12px\">");
        for (int i = 0; i < hosts.size(); i++) {
            long free = freeMemoryKiB(i), total = (long) HOST_RAM_MIB << 10;
            int used = (int) (160 * (total - free) / total);
            html.append("<div style=\"border:1px solid #999;padding:4px 8px;min-width:170px\"><b>host ").append(i)
                    .append("</b><div style=\"background:#ddd;width:160px;height:10px\"><div style=\"background:#4a7ebb;")
                    .append("height:10px;width:").append(used).append("px\"></div></div><small>")
                    .append(String.format("%,d KiB free", free)).append("</small><ul style=\"margin:2px 0\">");
            for (String name : vmsOn(i)) {
                html.append("<li><code>").append(escape(name)).append("</code> <small>")
                        .append(escape(LabVm.lastLine(vm(name).console()))).append("</small></li>");
            }
            html.append("</ul></div>");
        }
        html.append("</div>");
        tenants.forEach((n, t) -> {
            if (t.running() < 0) {
                html.append("<div>stopped: <code>").append(escape(n)).append("</code>, its disk kept in <code>")
                        .append(escape(t.disk.toString())).append("</code> (")
                        .append(String.format("%,d KiB", diskKiB(t.disk))).append(")</div>");
            }
        });
        return html.toString();
    }

    private static long diskKiB(Path disk) {
        try {
            return Files.exists(disk) ? Files.size(disk) >> 10 : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of disk " + disk, e);
        }
    }

    private Tenant tenant(String name) {
        Tenant tenant = tenants.get(name);
        if (tenant == null) {
            throw new IllegalArgumentException("no VM called " + name + " in this data center (there are " + tenants.keySet()
                    + ")");
        }
        return tenant;
    }

    private void checkHost(int host) {
        if (host < 0 || host >= hosts.size()) {
            throw new IllegalArgumentException("no host " + host + ": hosts are numbered 0 to " + (hosts.size() - 1));
        }
    }

    @Override
    public String toString() {
        return table().printAll();
    }
}
