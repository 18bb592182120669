#pragma once

#include <QByteArrayView>

namespace Corscope {

// How curl's option parser treats the word after an option.
enum class CurlArgument {
    None,  // a switch that has no --no- form (--http2, --ipv4)
    Bool,  // a switch; --no-NAME turns it off (--compressed, --no-compressed)
    Value, // takes the next word (or the rest of a short option's word, -XPUT)
};

struct CurlOptionInfo {
    const char *longName;
    char shortName; // 0 when the option has no one-letter form
    CurlArgument argument;
};

// Every option curl knows, long and short, and whether it takes a value: without the whole
// table, an unknown option's value would be read as the URL.
class CurlOptions {
public:
    // The exact long name, without the leading "--".
    static const CurlOptionInfo *findLong(QByteArrayView name);
    // curl 7.88 (Debian 12) also takes an unambiguous abbreviation (--compr); newer curl does
    // not. *ambiguous is set when the prefix names several options.
    static const CurlOptionInfo *findPrefix(QByteArrayView prefix, bool *ambiguous);
    static const CurlOptionInfo *findShort(char name);
};

} // namespace Corscope
