package vmlab.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShopDemandTest {

    @Test
    void blackFridayIsTheDayAfterTheFourthThursdayOfNovember() {
        assertEquals(LocalDate.of(2026, 11, 27), ShopDemand.blackFridayOf(2026));
        assertEquals(LocalDate.of(2019, 11, 29), ShopDemand.blackFridayOf(2019));
    }

    @Test
    void theYearPeaksOnBlackFridayAtTensOfTimesTheTypicalHour() {
        HourlyDemand year = ShopDemand.year(2026).generate();
        assertEquals(365 * 24, year.hours());
        assertEquals(ShopDemand.blackFridayOf(2026), year.timeOf(year.peakHour()).toLocalDate());
        double ratio = year.peak() / year.percentile(0.5);
        assertTrue(ratio > 10 && ratio < 60, "peak / median hour = " + ratio);
    }

    @Test
    void theSameSeedGivesTheSameYearAndAnotherSeedAnother() {
        HourlyDemand a = ShopDemand.year(2026).seed(1).generate(), b = ShopDemand.year(2026).seed(1).generate();
        HourlyDemand c = ShopDemand.year(2026).seed(2).generate();
        assertEquals(a.at(1234), b.at(1234));
        assertTrue(a.at(1234) != c.at(1234));
    }

    @Test
    void aFleetBoughtForThePeakSitsMostlyIdle() {
        FleetSizing fleet = ShopDemand.year(2026).generate().fleetFor(12);
        assertTrue(fleet.utilization() < 0.10, "utilization " + fleet.utilization());
        assertTrue(fleet.hoursAboveHalf() < 24 * 5, "hours above half the fleet: " + fleet.hoursAboveHalf());
    }

    @Test
    void fleetSizeIsThePeakRoundedUpToWholeServers() {
        HourlyDemand d = HourlyDemand.of("three hours", java.time.LocalDateTime.of(2026, 1, 1, 0, 0), 10, 25, 5);
        FleetSizing fleet = d.fleetFor(12);
        assertEquals(3, fleet.servers());
        assertEquals(40.0 / (36 * 3), fleet.utilization(), 1e-12);
    }

    @Test
    void aDemandFileRoundTripsAndItsMistakesAreLocated(@TempDir Path dir) throws Exception {
        HourlyDemand d = ShopDemand.year(2026).generate();
        Path file = dir.resolve("demand.csv");
        d.write(file);
        assertEquals(d.peak(), HourlyDemand.read(file).peak(), 1e-9);

        Files.writeString(file, "hour,cores\n0,5\n1,6\n3,7\n");
        DemandFormatException gap = assertThrows(DemandFormatException.class, () -> HourlyDemand.read(file));
        assertEquals(4, gap.line());
        assertTrue(gap.getMessage().contains("hours 2 to 2 are missing"), gap.getMessage());

        Files.writeString(file, "hour,cores\n0,5\n1,-6\n");
        assertEquals(3, assertThrows(DemandFormatException.class, () -> HourlyDemand.read(file)).line());

        Files.writeString(file, "hour,servers\n0,5\n");
        assertTrue(assertThrows(DemandFormatException.class, () -> HourlyDemand.read(file)).getMessage()
                .contains("'servers'"));

        Files.writeString(file, "hour,cores\n0,lots\n");
        assertTrue(assertThrows(DemandFormatException.class, () -> HourlyDemand.read(file)).getMessage()
                .contains("demand.csv:2"));
    }
}
