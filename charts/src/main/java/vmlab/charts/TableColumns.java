package vmlab.charts;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Reads the columns a chart names out of a Tablesaw table, with errors that say which column is wrong and what the table
 * has instead. Charts never guess columns: the cell names them.
 */
final class TableColumns {

    private final Table table;

    TableColumns(Table table) {
        if (table == null) {
            throw new IllegalArgumentException("no table given (null)");
        }
        this.table = table;
    }

    int rows() {
        return table.rowCount();
    }

    String tableName() {
        return table.name() == null ? "" : table.name();
    }

    /** Any column as labels (its values' text), for categories and series names. */
    String[] labels(String name) {
        Column<?> column = column(name);
        String[] labels = new String[table.rowCount()];
        for (int row = 0; row < labels.length; row++) {
            labels[row] = column.isMissing(row) ? "(missing)" : column.getString(row);
        }
        return labels;
    }

    /** A numeric column as doubles; missing values become NaN and charts skip them. */
    double[] numbers(String name) {
        Column<?> column = column(name);
        if (!(column instanceof tech.tablesaw.api.NumericColumn<?> numeric)) {
            throw new IllegalArgumentException("column '" + name + "' of " + describe() + " holds "
                    + column.type().name() + ", not numbers");
        }
        double[] values = new double[table.rowCount()];
        for (int row = 0; row < values.length; row++) {
            values[row] = numeric.isMissing(row) ? Double.NaN : numeric.getDouble(row);
        }
        return values;
    }

    /**
     * A time column as seconds: numbers are taken as seconds already; date-times and instants become seconds since the
     * first row, so a time series starts at zero.
     */
    double[] seconds(String name) {
        Column<?> column = column(name);
        ColumnType type = column.type();
        if (column instanceof tech.tablesaw.api.NumericColumn<?>) {
            return numbers(name);
        }
        double[] seconds = new double[table.rowCount()];
        Double origin = null;
        for (int row = 0; row < seconds.length; row++) {
            Object value = column.get(row);
            if (value == null) {
                seconds[row] = Double.NaN;
                continue;
            }
            double epochSeconds = epochSeconds(value, name, type);
            if (origin == null) {
                origin = epochSeconds;
            }
            seconds[row] = epochSeconds - origin;
        }
        return seconds;
    }

    private double epochSeconds(Object value, String name, ColumnType type) {
        if (value instanceof Instant instant) {
            return instant.getEpochSecond() + instant.getNano() / 1e9;
        }
        if (value instanceof LocalDateTime time) {
            Instant instant = time.toInstant(ZoneOffset.UTC);
            return instant.getEpochSecond() + instant.getNano() / 1e9;
        }
        if (value instanceof Temporal) {
            throw new IllegalArgumentException("column '" + name + "' holds " + type.name()
                    + ": give seconds, an instant or a date-time for a time axis");
        }
        throw new IllegalArgumentException("column '" + name + "' of " + describe() + " holds " + type.name()
                + ", not times");
    }

    private Column<?> column(String name) {
        if (name == null || !table.containsColumn(name)) {
            throw new IllegalArgumentException("no column '" + name + "' in " + describe());
        }
        return table.column(name);
    }

    private String describe() {
        return "table '" + tableName() + "' (columns: " + String.join(", ", table.columnNames()) + ")";
    }
}
