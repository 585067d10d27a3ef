/// Bootstrap replicates for the models that read journeys (touch times, e.g. time
/// decay): every journey is drawn a Poisson(1) number of times, its touches copied
/// that often. The replicate's path table comes from the same draws, so a model
/// that reads both sees one consistent sample.
///
/// The unit is the journey: with `--journey first-conversion` (the default) a user
/// has at most one, so this resamples users; with `every-conversion` one user's
/// journeys are drawn independently of each other.
///
/// `convertingOnly`: when no model reads null journeys, the replicates hold the
/// converting ones alone (a few percent of all), drawn exactly as they would be
/// among the rest: each journey's weight is independent of every other's.
struct JourneyResample: Sendable {
    let journeys: JourneySet
    /// The journeys' distinct paths, and each journey's row in them (−1: no touch).
    let paths: PathTable
    let row: [Int32]

    init(_ all: JourneySet, convertingOnly: Bool = false) {
        var journeys = all
        if convertingOnly {
            journeys = JourneySet(channels: all.channels)
            journeys.userCount = all.userCount
            for j in 0..<all.count where all.converted[j] {
                let touches = all.touches(j)
                journeys.appendJourney(
                    channels: all.touchChannel[touches], times: all.touchTime[touches],
                    converted: true, endTime: all.endTime[j], value: all.value[j])
            }
        }
        self.journeys = journeys
        var builder = PathTableBuilder(channels: journeys.channels)
        var row = [Int32](repeating: -1, count: journeys.count)
        for j in 0..<journeys.count {
            let touches = journeys.touches(j)
            if touches.isEmpty { continue }
            // Counts are filled per replicate; here only the rows are found.
            row[j] = Int32(builder.add(journeys.touchChannel[touches], conversions: 0, value: 0, nulls: 0))
        }
        paths = builder.table
        self.row = row
    }

    /// A worker's buffers, kept from one replicate to the next: a replicate of a
    /// million journeys would otherwise map and zero fresh pages every time.
    struct Scratch {
        var weights: [UInt32] = []
        var journeys = JourneySet(channels: ChannelIndex())
        var paths = PathTable(channels: ChannelIndex())
    }

    func replicate(_ rng: inout SeededGenerator, scratch: inout Scratch, hasValue: Bool) -> AttributionInput {
        let n = journeys.count
        resize(&scratch.weights, to: n)
        var touchTotal = 0, journeyTotal = 0
        let sourceOffsets = journeys.offsets
        scratch.weights.withUnsafeMutableBufferPointer { weights in
            for j in 0..<n {
                let w = PoissonDraw.unitWeight(&rng)
                weights[j] = w
                if w > 0 {
                    touchTotal += Int(w) * (sourceOffsets[j + 1] - sourceOffsets[j])
                    journeyTotal += Int(w)
                }
            }
        }
        copy(scratch.weights, into: &scratch.journeys, touches: touchTotal, count: journeyTotal)
        fillPathTable(scratch.weights, into: &scratch.paths)
        return AttributionInput(paths: scratch.paths, journeys: scratch.journeys, hasValue: hasValue)
    }

    func replicate(_ rng: inout SeededGenerator, hasValue: Bool) -> AttributionInput {
        var scratch = Scratch()
        return replicate(&rng, scratch: &scratch, hasValue: hasValue)
    }

    /// Sets the element count, reusing the storage; new elements are overwritten by the caller.
    private func resize<T>(_ array: inout [T], to count: Int, filler: T) {
        if array.count > count {
            array.removeLast(array.count - count)
        } else if array.count < count {
            array.append(contentsOf: repeatElement(filler, count: count - array.count))
        }
    }

    private func resize(_ array: inout [UInt32], to count: Int) { resize(&array, to: count, filler: 0) }

    /// The journeys, each repeated its weight's number of times, written in place.
    private func copy(_ weights: [UInt32], into out: inout JourneySet, touches touchTotal: Int, count: Int) {
        out.channels = journeys.channels
        out.userCount = journeys.userCount
        resize(&out.touchChannel, to: touchTotal, filler: 0)
        resize(&out.touchTime, to: touchTotal, filler: 0)
        resize(&out.offsets, to: count + 1, filler: 0)
        resize(&out.converted, to: count, filler: false)
        resize(&out.endTime, to: count, filler: 0)
        resize(&out.value, to: count, filler: 0)
        var t = 0, k = 0
        // Local copies of the source arrays (no copying: shared storage), so the loop
        // does not reach them through `self` on every journey.
        let sourceOffsets = journeys.offsets, sourceConverted = journeys.converted
        let sourceEnd = journeys.endTime, sourceValue = journeys.value
        out.touchChannel.withUnsafeMutableBufferPointer { channelOut in
            out.touchTime.withUnsafeMutableBufferPointer { timeOut in
                out.offsets.withUnsafeMutableBufferPointer { offsets in
                    out.converted.withUnsafeMutableBufferPointer { converted in
                        out.endTime.withUnsafeMutableBufferPointer { endTime in
                            out.value.withUnsafeMutableBufferPointer { value in
                                journeys.touchChannel.withUnsafeBufferPointer { channelIn in
                                    journeys.touchTime.withUnsafeBufferPointer { timeIn in
                                        offsets[0] = 0
                                        for j in 0..<weights.count where weights[j] > 0 {
                                            let start = sourceOffsets[j], length = sourceOffsets[j + 1] - start
                                            for _ in 0..<weights[j] {
                                                for i in 0..<length {
                                                    channelOut[t + i] = channelIn[start + i]
                                                    timeOut[t + i] = timeIn[start + i]
                                                }
                                                t += length
                                                offsets[k + 1] = t
                                                converted[k] = sourceConverted[j]
                                                endTime[k] = sourceEnd[j]
                                                value[k] = sourceValue[j]
                                                k += 1
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The distinct paths with each journey's outcome counted `weight` times.
    private func fillPathTable(_ weights: [UInt32], into table: inout PathTable) {
        table.channels = paths.channels
        // Steps and offsets never change: after the first replicate this shares them.
        table.steps = paths.steps
        table.offsets = paths.offsets
        var unattributed = 0.0, unattributedValue = 0.0
        let rows = row, sourceConverted = journeys.converted, sourceValue = journeys.value
        resize(&table.conversions, to: paths.count, filler: 0)
        resize(&table.value, to: paths.count, filler: 0)
        resize(&table.nulls, to: paths.count, filler: 0)
        table.conversions.withUnsafeMutableBufferPointer { conversions in
            table.value.withUnsafeMutableBufferPointer { value in
                table.nulls.withUnsafeMutableBufferPointer { nulls in
                    conversions.update(repeating: 0)
                    value.update(repeating: 0)
                    nulls.update(repeating: 0)
                    for j in 0..<weights.count where weights[j] > 0 {
                        let w = Double(weights[j]), r = Int(rows[j])
                        let converted = sourceConverted[j]
                        if r < 0 {
                            if converted {
                                unattributed += w
                                unattributedValue += w * sourceValue[j]
                            }
                        } else if converted {
                            conversions[r] += w
                            value[r] += w * sourceValue[j]
                        } else {
                            nulls[r] += w
                        }
                    }
                }
            }
        }
        table.unattributedConversions = unattributed
        table.unattributedValue = unattributedValue
        table.unattributedNulls = 0
    }
}
