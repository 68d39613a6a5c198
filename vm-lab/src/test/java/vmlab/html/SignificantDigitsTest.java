package vmlab.html;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SignificantDigitsTest {

    @Test
    void threeSignificantDigitsWhateverTheMagnitudeNotTwoDecimals() {
        // Two decimals printed "0.1" next to "0.09" and "51.76": too little on small ratios, too much on large ones.
        assertEquals(0.0912, SignificantDigits.round(0.091234), 1e-12);
        assertEquals(51.8, SignificantDigits.round(51.7649), 1e-12);
        assertEquals(1230.0, SignificantDigits.round(1234.5), 1e-9);
        assertEquals(-2.35, SignificantDigits.round(-2.345678), 1e-12);
    }

    @Test
    void zeroAndTheUnmeasurableComeBackUnchanged() {
        assertEquals(0.0, SignificantDigits.round(0.0));
        assertEquals(Double.NaN, SignificantDigits.round(Double.NaN));
        assertEquals(Double.POSITIVE_INFINITY, SignificantDigits.round(Double.POSITIVE_INFINITY));
    }

    @Test
    void asTextWithoutTrailingZerosOrAnExponent() {
        assertEquals("0.0912", SignificantDigits.text(0.091234));
        assertEquals("0.1", SignificantDigits.text(0.1));
        assertEquals("1230", SignificantDigits.text(1234.5));
        assertEquals("2", SignificantDigits.text(2.0));
        assertEquals("0", SignificantDigits.text(0.0));
        assertEquals("0.000123", SignificantDigits.text(0.00012345));
    }

    @Test
    void anUnmeasurableValueIsWrittenNotThrown() {
        assertEquals("NaN", SignificantDigits.text(Double.NaN));
        assertEquals("Infinity", SignificantDigits.text(Double.POSITIVE_INFINITY));
    }
}
