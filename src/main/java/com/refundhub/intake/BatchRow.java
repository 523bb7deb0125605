package com.refundhub.intake;

import com.refundhub.core.RefundRefusedException;
import com.refundhub.core.RefundRequest;

/**
 * One line of a batch file: the request it holds, or why it holds none. {@code namedRefundId} is whatever
 * the line gave as refundId (for the results file), valid or not.
 */
public record BatchRow(long line, RefundRequest request, RefundRefusedException refusal, String namedRefundId) {
}
