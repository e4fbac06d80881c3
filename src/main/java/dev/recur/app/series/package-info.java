/**
 * Time-series forecasting: the forecaster, its trainer (a {@code train.Fit} job), the train-series job,
 * test scores next to the baselines, recursive forecasts. An application: composes the floors below, imports no
 * other application and no {@code cli}.
 */
package dev.recur.app.series;
