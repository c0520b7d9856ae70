package org.omotenashi.survey.internal;

import java.util.List;

/**
 * RFC 4180 rows. Text a guest typed is data, never a formula: a cell starting with = + - @ or a tab
 * gets a leading apostrophe, as OWASP advises against CSV injection into spreadsheets.
 */
final class CsvCells {
    private CsvCells() {
    }

    static String row(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells.get(i)));
        }
        return line.append("\r\n").toString();
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !isNumber(value) ? "'" + value : value;
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }

    private static boolean isNumber(String value) {
        return value.matches("-?\\d+");
    }
}
