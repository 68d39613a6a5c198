package vmlab.engine;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceClassVisitor;
import vmlab.isa.Disassembler;
import vmlab.machine.Hart;
import vmlab.machine.Machine;

/**
 * The block compiler (a JIT): guest code that runs often is translated into JVM bytecode, one region of basic blocks at
 * a time (see {@link Region}, {@link RegionCompiler}), and defined as a hidden class, which the JVM unloads once the
 * translation is dropped. HotSpot then compiles that bytecode to x86 in its turn: two stages of warm-up.
 *
 * <p>The dispatcher: at each pc, a translation entered there runs (a cache hit); otherwise the fast interpreter runs one
 * block and counts how often it arrived there; at {@link #HOT} arrivals a region entered there is compiled. A
 * translation has one entry: a second region may copy some of the same blocks for another entry, which costs compile
 * time but keeps each method's loops reducible, the shape HotSpot compiles well (see {@link RegionCompiler}). Pages
 * whose translations keep being invalidated by writes (a guest rewriting its own code) stop being compiled: they stay
 * interpreted, so the code cache never grows without bound.
 */
public final class BlockCompiler extends SlicedEngine {
    /** Arrivals at a pc before it is compiled: cold code is cheaper to interpret than to translate. */
    static final int HOT = 40;
    /** A page invalidated this often is considered self-modifying and no longer compiled. */
    static final int VOLATILE = 8;
    /** Regions start at this many guest instructions and are halved while their bytecode is too big. */
    static final int REGION_INSTRUCTIONS = 256;
    /**
     * HotSpot refuses to compile methods longer than 8000 bytes of bytecode, and well before that C1 runs out of
     * registers ("out of virtual registers in linear scan", seen from about 3300 bytes on these methods), so the method
     * stays in the bytecode interpreter until C2 is done with it, seconds on a loaded machine. Below the limit, bigger
     * regions mean fewer exits (each one stores and reloads the guest registers). The system property
     * {@code vmlab.codeLimit} overrides it, for the JIT lesson's experiments with warm-up against steady speed.
     */
    static final int CODE_LIMIT = Integer.getInteger("vmlab.codeLimit", 3000);

    @Override
    public String name() {
        return "block compiler";
    }

    /** The translation cache counters for this machine. */
    public static TranslationStatistics statistics(Machine machine) {
        return EngineCache.of(machine).statistics;
    }

    @Override
    long runSlice(EngineCache cache, long budget) {
        Hart hart = cache.machine.hart;
        PageRunner interpreter = cache.interpreter();
        BlockContext context = cache.context;
        TranslationStatistics statistics = cache.statistics;
        long n = 0, hits = 0;
        // A slice that ran out of budget stopped wherever it was, usually inside a block. Arriving there again is no sign
        // of a hot entry: counting it would end in a translation entered at nearly every word of a hot loop.
        boolean atSliceBoundary = cache.sliceEndedMidBlock;
        while (n < budget) {
            int pc = hart.pc;
            CodePage page = (pc & 3) == 0 ? cache.tlb.fetch(pc) : null;
            if (page == null) {
                delegate(cache);
                n++;
                if (hart.recheck || cache.waitingForever) {
                    break;
                }
                continue;
            }
            int index = (pc >>> 2) & 1023;
            int want = (int) Math.min(budget - n, Integer.MAX_VALUE);
            Translation translation = page.translations[index];
            if (translation != null && translation.virtualPage == (pc & ~0xFFF)) {
                // Chain translations without leaving this loop while control stays in the page (the common case).
                int virtualPage = pc & ~0xFFF;
                context.left = want;
                int before;
                do {
                    hits++;
                    before = context.left;
                    pc = translation.run(context, pc);
                    translation = (pc & ~0xFFF) == virtualPage ? page.translations[(pc >>> 2) & 1023] : null;
                } while (translation != null && translation.virtualPage == virtualPage && context.left > 0
                        && context.left != before);
                int ran = want - context.left;
                hart.pc = pc;
                hart.mcycle += ran;
                hart.minstret += ran;
                n += ran;
                if (ran > 0) {
                    continue;
                }
            } else if (!atSliceBoundary && page.heat[index] >= 0 && page.invalidations < VOLATILE
                    && ++page.heat[index] >= HOT) {
                compile(cache, page, index, pc & ~0xFFF);
                continue;
            }
            statistics.interpretedBlocks++;
            if (!atSliceBoundary) {
                page.visited[index] = true;
            }
            atSliceBoundary = false;
            n += interpreter.run(page, want, true);
            if (hart.recheck || cache.waitingForever) {
                break;
            }
        }
        statistics.cacheHits += hits;
        cache.sliceEndedMidBlock = n >= budget && !hart.recheck;
        return n;
    }

    private static void compile(EngineCache cache, CodePage page, int index, int virtualPage) {
        long started = System.nanoTime();
        Translation translation = translate(cache, page, index, virtualPage);
        cache.statistics.compileNanos += System.nanoTime() - started;
        if (translation == null) {
            page.heat[index] = -1; // nothing worth translating starts here: stop counting
            return;
        }
        page.heat[index] = 0;
        if (cache.liveTranslations >= EngineCache.MAX_TRANSLATIONS) {
            cache.dropAll();
            cache.statistics.cacheFlushes++;
        }
        cache.liveTranslations++;
        page.translationCount++;
        page.translations[index] = translation; // its entry only: see the class comment
    }

    private static Translation translate(EngineCache cache, CodePage page, int index, int virtualPage) {
        int size = REGION_INSTRUCTIONS;
        while (size >= 8) {
            Region region = Region.discover(page, cache.machine.bus.ram, virtualPage, index, size);
            if (region == null) {
                return null;
            }
            RegionCompiler compiler = new RegionCompiler(region);
            byte[] bytes = compiler.generate();
            if (compiler.codeSize() > CODE_LIMIT) {
                // Too big: shrink in proportion (bytecode grows about linearly with guest code), so a region comes
                // out close to the limit rather than at half of it. Every exit costs a register spill and reload.
                size = Math.min(size - 8, (int) ((long) region.instructions * CODE_LIMIT * 15 / 16 / compiler.codeSize()));
                continue;
            }
            return define(cache, page, index, virtualPage, region, compiler, bytes);
        }
        return null;
    }

    private static Translation define(EngineCache cache, CodePage page, int index, int virtualPage, Region region,
                                      RegionCompiler compiler, byte[] bytes) {
        try {
            Translation t = TranslationClasses.instantiate(bytes);
            t.virtualPage = virtualPage;
            t.entryPc = region.pc(index);
            t.instructions = region.instructions;
            t.blocks = region.blocks.size();
            for (Region.Block b : region.blocks.values()) {
                for (int k = b.start(); k <= b.last(); k++) {
                    page.translated[k] = true;
                }
            }
            TranslationStatistics s = cache.statistics;
            s.regionsCompiled++;
            s.blocksCompiled += region.blocks.size();
            s.instructionsCompiled += region.instructions;
            s.bytecodeBytes += compiler.codeSize();
            return t;
        } catch (Throwable e) {
            throw new IllegalStateException("the block compiler made a class the JVM rejects at 0x"
                    + Integer.toHexString(region.pc(index)), e);
        }
    }

    /**
     * The translation the block compiler would make for the code at {@code pc} on this machine, shown as the guest
     * instructions followed by the JVM bytecode (ASM's textual form, like {@code javap -c}): lesson 04's exhibit.
     */
    public static String bytecodeOf(Machine machine, int pc) {
        EngineCache cache = EngineCache.of(machine);
        cache.tlb.flush();
        CodePage page = cache.tlb.fetch(pc);
        if (page == null) {
            return String.format("no code at 0x%08x (the fetch faults or reads a device)", pc);
        }
        Region region = Region.discover(page, machine.bus.ram, pc & ~0xFFF, (pc >>> 2) & 1023, REGION_INSTRUCTIONS);
        if (region == null) {
            return String.format("nothing to translate at 0x%08x: the interpreter executes that instruction", pc);
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format("guest region at 0x%08x: %d blocks, %d instructions%n", pc, region.blocks.size(),
                region.instructions));
        for (Region.Block b : region.blocks.values()) {
            out.append(String.format("  block 0x%08x:%n", region.pc(b.start())));
            for (int k = b.start(); k <= b.last(); k++) {
                int word = (int) vmlab.machine.Bus.INT.get(machine.bus.ram, page.ramOffset + 4 * k);
                out.append(String.format("    %08x:  %08x  %s%n", region.pc(k), word,
                        Disassembler.disassemble(word, region.pc(k))));
            }
        }
        RegionCompiler compiler = new RegionCompiler(region);
        byte[] bytes = compiler.generate();
        out.append(String.format("%nJVM bytecode (%d bytes in run):%n", compiler.codeSize()));
        StringWriter text = new StringWriter();
        new ClassReader(bytes).accept(new TraceClassVisitor(null, new Textifier(), new PrintWriter(text)), 0);
        out.append(text);
        return out.toString();
    }
}
