/**
 * Genre classification of audio files: the classifier network and its trainer (a {@code train.Fit} job),
 * optionally after masked-frame pretraining of its encoder (another {@code train.Fit} job) or starting from
 * another classifier's weights (fine-tuning),
 * the whole train-classifier job, the saved classifier, the demo. An application: composes the floors below,
 * imports no other application and no {@code cli}.
 */
package dev.recur.app.genre;
