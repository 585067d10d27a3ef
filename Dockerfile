# mta as a static binary in a small image (the Swift runtime is linked in;
# glibc, libstdc++ and libgcc_s come from the base image). Build: docker build -t mta .
FROM swift:6.3-bookworm AS build
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
COPY Plugins ./Plugins
RUN swift build -c release --static-swift-stdlib --product mta \
 && install -D .build/release/mta /out/mta

FROM debian:bookworm-slim
RUN useradd --system --home-dir /work mta && mkdir -p /work && chown mta /work
COPY --from=build /out/mta /usr/local/bin/mta
USER mta
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/mta"]
CMD ["run", "--config", "/work/mta.yaml"]
