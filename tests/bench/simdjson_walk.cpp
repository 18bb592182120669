// The anchor of tests/bench/har_import.sh: simdjson On-Demand walking every request and response
// header of a HAR (name and value read as strings), the fastest a reader can touch what CORS
// needs. Prints the entry and header counts so the walk cannot be optimised away.
#include <simdjson.h>

#include <chrono>
#include <cstdio>
#include <string_view>

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: simdjson_walk FILE.har\n");
        return 2;
    }
    const auto start = std::chrono::steady_clock::now();
    simdjson::padded_string json;
    if (const auto error = simdjson::padded_string::load(argv[1]).get(json)) {
        std::fprintf(stderr, "simdjson_walk: %s\n", simdjson::error_message(error));
        return 1;
    }
    simdjson::ondemand::parser parser;
    std::size_t entries = 0;
    std::size_t headers = 0;
    std::size_t bytes = 0;
    try {
        simdjson::ondemand::document document = parser.iterate(json);
        for (simdjson::ondemand::object entry : document["log"]["entries"]) {
            ++entries;
            for (auto field : entry) {
                const std::string_view key = field.unescaped_key();
                if (key != "request" && key != "response")
                    continue;
                for (auto part : field.value().get_object()) {
                    if (part.unescaped_key() != std::string_view("headers"))
                        continue;
                    for (simdjson::ondemand::object header : part.value().get_array()) {
                        const std::string_view name = header["name"].get_string();
                        bytes += name.size();
                        const std::string_view value = header["value"].get_string();
                        bytes += value.size();
                        ++headers;
                    }
                }
            }
        }
    } catch (const simdjson::simdjson_error &error) {
        std::fprintf(stderr, "simdjson_walk: %s\n", error.what());
        return 1;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("entries %zu headers %zu header-bytes %zu seconds %.3f\n", entries, headers, bytes, seconds);
    return 0;
}
