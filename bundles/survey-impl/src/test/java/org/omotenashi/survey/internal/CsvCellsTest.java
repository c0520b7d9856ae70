package org.omotenashi.survey.internal;

import static org.junit.Assert.assertEquals;

import java.util.Arrays;

import org.junit.Test;

public class CsvCellsTest {

    @Test
    public void cellsWithSeparatorsQuotesOrLineBreaksAreQuoted() {
        assertEquals("plain", CsvCells.cell("plain"));
        assertEquals("\"a,b\"", CsvCells.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvCells.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvCells.cell("two\nlines"));
    }

    @Test
    public void textThatASpreadsheetWouldRunAsAFormulaIsDefused() {
        assertEquals("'=HYPERLINK(\"x\")".replace("\"", "\"\""), CsvCells.cell("=HYPERLINK(\"x\")").replaceAll("^\"|\"$", ""));
        assertEquals("'+1+2", CsvCells.cell("+1+2"));
        assertEquals("'@SUM(A1)", CsvCells.cell("@SUM(A1)"));
        assertEquals("-3", CsvCells.cell("-3"));
    }

    @Test
    public void rowsEndWithCrLfAndEmptyCellsStayEmpty() {
        assertEquals("a,,c\r\n", CsvCells.row(Arrays.asList("a", null, "c")));
    }
}
