/**
 * PNG charts: loss curves, confusion matrices, MFCC heat maps, piano rolls, forecasts (XChart). Imports only
 * {@code eval}, {@code midi} and {@code files}.
 */
package dev.recur.plot;
