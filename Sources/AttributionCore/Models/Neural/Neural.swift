/// # The neural conversion model (td-mta's network, without TensorFlow)
///
/// `ConversionNetwork` maps a window — a binary `[days × channels]` matrix, the last day the anchor day —
/// to P(conversion). Architecture (td-mta's Keras model, stacked bidirectional LSTMs):
///
///     window ─▶ BiLSTM ×(layers − 1), each returning the whole sequence (forward ‖ backward, 2·width a day)
///            ─▶ BiLSTM returning final states (forward h on the last day ‖ backward h on the first day)
///            ─▶ dense ReLU (width) ─▶ dense sigmoid (1)
///
/// LSTM cells are Keras's (gates i, f, c̃, o; sigmoid gates, tanh cell and output). Dropout is Keras's
/// `dropout` + `recurrent_dropout` with one rate: per window, layer and direction, one inverted mask on
/// the inputs and one on the recurrent h, fixed over the days; none at prediction time.
///
/// ## API
/// - `NetworkShape(days:channels:width:layers:dropout:)` — defaults width 64, 2 layers, dropout 0.5.
/// - `WindowBatch` — windows as one `UInt64` channel mask per day (`append(dayMasks:)`, `append(cells:)`,
///   `gathering(_:)` for a minibatch).
/// - `ConversionNetwork(shape:seed:)` (Keras initialisation: Glorot-uniform kernels, orthogonal recurrent
///   kernels by Gram–Schmidt, zero biases, forget bias 1) or `(shape:parameters:)` (throws on a wrong count).
/// - `predict(_:)` → probabilities, `logits(_:)`; `lossAndGradient(_:labels:weights:dropoutSeed:)` → mean
///   weighted BCE (from the logit, so finite for any logit) and ∂loss/∂parameters; a nil `dropoutSeed`
///   trains without dropout, as does a shape whose rate is 0.
/// - `AdamOptimizer(parameterCount:)` with `step(&parameters, gradient:)` — Keras's Adam and defaults.
/// - `ParameterLayout` — where every weight block lives in the flat `parameters` array: Keras's
///   `get_weights()` order (per layer, forward then backward: kernel, recurrent kernel, bias; then dense
///   kernel, dense bias, output kernel, output bias), matrices row-major `[inputs × outputs]`.
///
/// ## Determinism
/// A gradient batch is cut into shards by its size alone (`NetworkEvaluation.gradientShards`); shard
/// gradients are summed in shard order, so loss and gradient are bit-identical for any number of cores.
/// Dropout masks depend only on (seed, window index in the batch). Predictions are per-window anyway.
///
/// ## Speed
/// The code is generic over `NeuralScalar` (`Float` for work, `Double` for gradient checks); the optimiser
/// specialises it for `Float`. Time-major buffers make each day of a shard one matrix, so the input
/// projections and weight gradients are single products over all days; only h · U runs day by day. The
/// first layer's input projection sums the kernel rows of the touched channels (the input is binary).
/// `Float`'s products and the LSTM steps' element-wise parts run in C (`FloatKernels`, Sources/CNeuralKernels):
/// one source built twice, for AVX2 + FMA (6 × 16 register blocks, B copied into contiguous panels) and for
/// the baseline CPU, the variant picked once at run time. Results are bit-identical for any thread count on
/// one machine; between CPUs with and without AVX2 they may differ in the last bits (fused multiply-adds).
/// Each worker allocates its `ShardWorkspace` once per call.
///
/// Cost at width 64, 2 layers, 7 days: about 0.85 M multiply-adds forward and 1.7 M backward per window
/// (the recurrent products, layer 2's input projection, and their gradients), so ≈ 5.1 MFLOP per
/// training window. The AVX2 products reach 60–85 GFLOP/s per core (two 8-wide FMAs a cycle is the ceiling);
/// the baseline (SSE) build ≈ 20. Figures: `bench/neural_network.sh` and the README's benchmark table.
public enum Neural {}
