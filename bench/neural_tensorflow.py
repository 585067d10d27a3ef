#!/usr/bin/env python3
"""TensorFlow side of bench/neural_tensorflow.sh: trains the network `mta train` trains,
on the windows of an `mta extract` file (.mtax), and times it.

The .mtax file is read directly (Sources/AttributionIO/Neural/ExampleFile.swift): "MTAX",
version (UInt32 LE), header length (UInt32 LE), JSON header, then per window `lookbackDays`
UInt64 day masks (bit c = channel c, the anchor day last), every window's positive count
(Int64), every window's negative count (Int64), and the trailer "XATM".

The model is ours in Keras (Sources/AttributionCore/Models/Neural): `layers` bidirectional
LSTMs of `width` units per direction (concatenated; all but the last return sequences),
input and recurrent dropout on every LSTM, dense ReLU of `width`, dense sigmoid; Keras's
default initialisation; weighted binary cross-entropy Σ w·BCE / Σ w; Adam.

Timed:
  (a) minibatch steps drawn by example count (`mta train`'s default: epochs × steps per
      epoch), after warm-up steps that are not timed. Two forms: `rows` (1 000 rows a step,
      as Keras is normally fed) and `collapsed` (identical draws merged into one row whose
      weight is how often it was drawn, as `mta train` does).
  (b) one pass over every distinct (window, label) pair, batch 1 000, sample weight = the
      pair's count; `--pass-fraction` times the first part of the pass and extrapolates.

Prints `key=value` lines (prefix `tf_`), one per figure.
"""
import argparse
import json
import os
import struct
import sys
import time


def read_mtax(path):
    import numpy as np

    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"MTAX":
        sys.exit(f"{path}: not an examples file made by `mta extract` (no MTAX signature)")
    version, header_length = struct.unpack_from("<II", data, 4)
    if version != 1:
        sys.exit(f"{path}: format version {version}; this script reads version 1")
    header = json.loads(data[12:12 + header_length])
    days, n = header["lookbackDays"], header["windows"]
    body = 12 + header_length
    expected = body + n * (days * 8 + 16) + 4
    if len(data) != expected or data[expected - 4:expected] != b"XATM":
        sys.exit(f"{path}: {len(data)} bytes, the header promises {expected} with an XATM trailer")
    masks = np.frombuffer(data, dtype="<u8", count=n * days, offset=body).reshape(n, days)
    positives = np.frombuffer(data, dtype="<i8", count=n, offset=body + n * days * 8)
    negatives = np.frombuffer(data, dtype="<i8", count=n, offset=body + n * days * 8 + n * 8)
    return header, masks, positives, negatives


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("examples", help=".mtax file from `mta extract`")
    p.add_argument("--width", type=int, default=64)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--dropout", type=float, default=0.5)
    p.add_argument("--batch-size", type=int, default=1000)
    p.add_argument("--learning-rate", type=float, default=1e-3)
    p.add_argument("--steps", type=int, default=500, help="timed sampled steps (mta train's default: 5 epochs × 100)")
    p.add_argument("--warmup", type=int, default=5, help="untimed steps first (tracing, allocation)")
    p.add_argument("--modes", default="rows,collapsed", help="sampled-step forms to time: rows, collapsed")
    p.add_argument("--pass-fraction", type=float, default=1.0,
                   help="share of the full pass's batches to time; the pass time is extrapolated from it")
    p.add_argument("--threads", type=int, default=2, help="TensorFlow intra- and inter-op threads")
    p.add_argument("--unroll", action="store_true", help="unroll the LSTMs over the days (not Keras's default)")
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import numpy as np
    import tensorflow as tf

    # Thread pools are fixed before TensorFlow runs its first op.
    tf.config.threading.set_intra_op_parallelism_threads(a.threads)
    tf.config.threading.set_inter_op_parallelism_threads(a.threads)
    import keras

    header, masks, positives, negatives = read_mtax(a.examples)
    days, channels = header["lookbackDays"], len(header["channels"])
    n = masks.shape[0]

    # Distinct (window, label) pairs with their counts: what `mta train` draws from.
    pw = np.flatnonzero(positives > 0)
    nw = np.flatnonzero(negatives > 0)
    pair_window = np.concatenate([pw, nw])
    pair_label = np.concatenate([np.ones(len(pw), np.float32), np.zeros(len(nw), np.float32)])
    pair_count = np.concatenate([positives[pw], negatives[nw]]).astype(np.float64)
    pairs = len(pair_window)
    cumulative = np.cumsum(pair_count)
    total = cumulative[-1]
    bits = np.arange(channels, dtype=np.uint64)

    def dense(windows):
        """[rows, days, channels] float32 from the day masks."""
        m = masks[windows]
        return ((m[:, :, None] >> bits) & np.uint64(1)).astype(np.float32)

    keras.utils.set_random_seed(a.seed)
    inputs = keras.Input(shape=(days, channels))
    x = inputs
    for layer in range(a.layers):
        lstm = keras.layers.LSTM(a.width, return_sequences=layer < a.layers - 1, dropout=a.dropout,
                                 recurrent_dropout=a.dropout, unroll=a.unroll)
        x = keras.layers.Bidirectional(lstm, merge_mode="concat")(x)
    x = keras.layers.Dense(a.width, activation="relu")(x)
    outputs = keras.layers.Dense(1, activation="sigmoid")(x)
    model = keras.Model(inputs, outputs)
    optimizer = keras.optimizers.Adam(learning_rate=a.learning_rate)
    variables = model.trainable_variables
    optimizer.build(variables)

    @tf.function(input_signature=[tf.TensorSpec([None, days, channels], tf.float32),
                                  tf.TensorSpec([None], tf.float32), tf.TensorSpec([None], tf.float32)],
                 reduce_retracing=True)
    def train_step(xb, yb, wb):
        with tf.GradientTape() as tape:
            prob = model(xb, training=True)[:, 0]
            per_row = keras.losses.binary_crossentropy(yb[:, None], prob[:, None])
            loss = tf.reduce_sum(wb * per_row) / tf.reduce_sum(wb)
        grads = tape.gradient(loss, variables)
        optimizer.apply_gradients(zip(grads, variables))
        return loss

    rng = np.random.default_rng(a.seed)

    def sampled_batch(collapsed):
        drawn = np.searchsorted(cumulative, rng.random(a.batch_size) * total, side="right")
        if collapsed:
            drawn, weight = np.unique(drawn, return_counts=True)
            weight = weight.astype(np.float32)
        else:
            weight = np.ones(len(drawn), np.float32)
        return dense(pair_window[drawn]), pair_label[drawn], weight

    def out(key, value):
        print(f"tf_{key}={value}", flush=True)

    out("version", tf.__version__)
    out("keras_version", keras.__version__)
    out("intra_op_threads", tf.config.threading.get_intra_op_parallelism_threads())
    out("inter_op_threads", tf.config.threading.get_inter_op_parallelism_threads())
    out("parameters", model.count_params())
    out("windows", n)
    out("pairs", pairs)
    out("examples", int(total))
    out("channels", channels)
    out("days", days)
    out("unroll", int(a.unroll))

    def loadavg():
        with open("/proc/loadavg") as f:
            return f.read().split()[0]

    for mode in [m for m in a.modes.split(",") if m]:
        collapsed = mode == "collapsed"
        for _ in range(a.warmup):
            train_step(*sampled_batch(collapsed))
        out(f"{mode}_load", loadavg())
        rows = 0
        started = time.perf_counter()
        for _ in range(a.steps):
            xb, yb, wb = sampled_batch(collapsed)
            rows += len(yb)
            loss = train_step(xb, yb, wb)
        float(loss)  # the last step has finished
        seconds = time.perf_counter() - started
        out(f"{mode}_steps", a.steps)
        out(f"{mode}_rows_per_step", f"{rows / a.steps:.1f}")
        out(f"{mode}_seconds", f"{seconds:.3f}")
        out(f"{mode}_step_seconds", f"{seconds / a.steps:.5f}")
        out(f"{mode}_loss", f"{float(loss):.5f}")

    # One weighted pass over every distinct pair, in a seeded order.
    order = rng.permutation(pairs)
    batches = (pairs + a.batch_size - 1) // a.batch_size
    timed = max(1, min(batches, round(batches * a.pass_fraction)))
    out("pass_batches", batches)
    out("pass_batches_timed", timed)
    out("pass_load", loadavg())
    started = time.perf_counter()
    for b in range(timed):
        chosen = order[b * a.batch_size:(b + 1) * a.batch_size]
        loss = train_step(dense(pair_window[chosen]), pair_label[chosen], pair_count[chosen].astype(np.float32))
    float(loss)
    seconds = time.perf_counter() - started
    out("pass_seconds_timed", f"{seconds:.3f}")
    out("pass_seconds", f"{seconds * batches / timed:.1f}")
    out("pass_extrapolated", int(timed < batches))
    out("pass_batch_seconds", f"{seconds / timed:.5f}")


if __name__ == "__main__":
    main()
