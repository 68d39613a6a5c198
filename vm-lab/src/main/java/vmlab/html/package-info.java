/**
 * The small pieces every lab object's notebook card is made of. Each lab object (a machine, a VM, a container host, a
 * ladder of measurements) shows itself as an HTML card in a notebook cell; the escaping, the aligned table cells and the
 * three-significant-digit rounding those cards share live here, once, so that every card escapes the same characters
 * and aligns its numbers the same way.
 *
 * <p>This package sits below every other vm-lab package and knows none of them: it is plumbing, not course material,
 * and is not imported into notebook cells.
 */
package vmlab.html;
