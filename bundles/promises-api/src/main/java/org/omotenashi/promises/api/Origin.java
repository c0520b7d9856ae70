package org.omotenashi.promises.api;

/** Where a promise came from, e.g. {@code {FM_WORK_ORDER, WO-123}} or {@code {SALES_HANDOVER, DEAL-9}}. */
public record Origin(String type, String ref) {
}
