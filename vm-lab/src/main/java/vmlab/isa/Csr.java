package vmlab.isa;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Control and status register names. The table holds every name that GNU binutils 2.40 knows, because the disassembler must
 * print exactly what {@code objdump} prints and the assembler must accept what {@code as} accepts; the lab machine implements
 * only the subset the issue lists (the rest trap as illegal instructions when executed).
 */
public final class Csr {

    private static final Map<Integer, String> NAMES = new HashMap<>();
    private static final Map<String, Integer> NUMBERS = new HashMap<>();

    /** Name and number pairs: first the ones the lab machine implements, then the rest of the ratified specifications. */
    private static final String TABLE = """
            sstatus 0x100 sie 0x104 stvec 0x105 scounteren 0x106 sscratch 0x140 sepc 0x141 scause 0x142 stval 0x143 sip 0x144
            satp 0x180
            mstatus 0x300 misa 0x301 medeleg 0x302 mideleg 0x303 mie 0x304 mtvec 0x305 mcounteren 0x306 mstatush 0x310
            mscratch 0x340 mepc 0x341 mcause 0x342 mtval 0x343 mip 0x344
            mcycle 0xb00 minstret 0xb02 mcycleh 0xb80 minstreth 0xb82
            cycle 0xc00 time 0xc01 instret 0xc02 cycleh 0xc80 timeh 0xc81 instreth 0xc82
            mvendorid 0xf11 marchid 0xf12 mimpid 0xf13 mhartid 0xf14 mconfigptr 0xf15

            fflags 0x001 frm 0x002 fcsr 0x003 vstart 0x008 vxsat 0x009 vxrm 0x00a vcsr 0x00f seed 0x015
            senvcfg 0x10a sstateen0 0x10c sstateen1 0x10d sstateen2 0x10e sstateen3 0x10f sieh 0x114 stimecmp 0x14d
            siselect 0x150 sireg 0x151 siph 0x154 stopei 0x15c stimecmph 0x15d
            vsstatus 0x200 vsie 0x204 vstvec 0x205 vsieh 0x214 vsscratch 0x240 vsepc 0x241 vscause 0x242 vstval 0x243
            vsip 0x244 vstimecmp 0x24d vsiselect 0x250 vsireg 0x251 vsiph 0x254 vstopei 0x25c vstimecmph 0x25d vsatp 0x280
            mvien 0x308 mvip 0x309 menvcfg 0x30a mstateen0 0x30c mstateen1 0x30d mstateen2 0x30e mstateen3 0x30f
            midelegh 0x313 mieh 0x314 mvienh 0x318 mviph 0x319 menvcfgh 0x31a mstateen0h 0x31c mstateen1h 0x31d
            mstateen2h 0x31e mstateen3h 0x31f mcountinhibit 0x320 mtinst 0x34a mtval2 0x34b miselect 0x350 mireg 0x351
            miph 0x354 mtopei 0x35c scontext 0x5a8
            hstatus 0x600 hedeleg 0x602 hideleg 0x603 hie 0x604 htimedelta 0x605 hcounteren 0x606 hgeie 0x607 hvien 0x608
            hvictl 0x609 henvcfg 0x60a hstateen0 0x60c hstateen1 0x60d hstateen2 0x60e hstateen3 0x60f hidelegh 0x613
            htimedeltah 0x615 hvienh 0x618 henvcfgh 0x61a hstateen0h 0x61c hstateen1h 0x61d hstateen2h 0x61e
            hstateen3h 0x61f htval 0x643 hip 0x644 hvip 0x645 hviprio1 0x646 hviprio2 0x647 htinst 0x64a hviph 0x655
            hviprio1h 0x656 hviprio2h 0x657 hgatp 0x680 hcontext 0x6a8 mseccfg 0x747 mseccfgh 0x757
            tselect 0x7a0 tdata1 0x7a1 tdata2 0x7a2 tdata3 0x7a3 tinfo 0x7a4 tcontrol 0x7a5 mcontext 0x7a8 mscontext 0x7aa
            dcsr 0x7b0 dpc 0x7b1 dscratch0 0x7b2 dscratch1 0x7b3
            vl 0xc20 vtype 0xc21 vlenb 0xc22 scountovf 0xda0 stopi 0xdb0 hgeip 0xe12 vstopi 0xeb0 mtopi 0xfb0
            """;

    static {
        String[] words = TABLE.trim().split("\\s+");
        for (int i = 0; i < words.length; i += 2) {
            define(words[i], Integer.decode(words[i + 1]));
        }
        // The numbered families: physical memory protection and the hardware performance counters.
        for (int n = 0; n < 16; n++) {
            define("pmpcfg" + n, 0x3a0 + n);
        }
        for (int n = 0; n < 64; n++) {
            define("pmpaddr" + n, 0x3b0 + n);
        }
        for (int n = 3; n < 32; n++) {
            define("hpmcounter" + n, 0xc00 + n);
            define("hpmcounter" + n + "h", 0xc80 + n);
            define("mhpmcounter" + n, 0xb00 + n);
            define("mhpmcounter" + n + "h", 0xb80 + n);
            define("mhpmevent" + n, 0x320 + n);
            define("mhpmevent" + n + "h", 0x720 + n);
        }
    }

    private Csr() {
    }

    private static void define(String name, int number) {
        NAMES.put(number, name);
        NUMBERS.put(name, number);
    }

    /** The name objdump prints for CSR {@code number}, or its number in hex ({@code 0x7c0}) if it has none. */
    public static String name(int number) {
        String name = NAMES.get(number & 0xfff);
        return name != null ? name : "0x" + Integer.toHexString(number & 0xfff);
    }

    /** The number of a named CSR ({@code mstatus} is 0x300); empty for an unknown name. */
    public static Optional<Integer> number(String name) {
        return Optional.ofNullable(NUMBERS.get(name.toLowerCase()));
    }
}
