/**
 * Baselines and scores every application uses: the mean+std logistic-regression baseline, the n-gram model,
 * classification reports and confusion matrices, forecast errors and forecast baselines, next-event scores.
 * Knows no network: imports only {@code files}.
 */
package dev.recur.eval;
