package vmlab.isa;

/** One machine instruction a source statement produces, before encoding: a pseudo-instruction produces one or two. */
record Emission(Instruction instruction, Encoder.Fields fields, int column) {

    int encode() {
        return Encoder.encode(instruction, fields, column);
    }
}
