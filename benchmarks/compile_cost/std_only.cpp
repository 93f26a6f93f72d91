// Compile cost baseline: the standard headers a message struct needs, and nothing else.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

std::size_t touch(const std::optional<std::vector<std::string>>& v, std::string_view s) {
    return (v ? v->size() : 0) + s.size();
}
