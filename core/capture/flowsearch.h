#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace Corscope {

struct Flow;

// Find-in-capture (Charles' and DevTools' Ctrl+F): where a text occurs in a flow — its URL,
// a header's name or value, or a body as the Body tab shows it (decoded per Content-Encoding).
// ASCII letters match either case; other bytes match exactly, so UTF-8 text finds itself.
class FlowSearch {
public:
    enum class Place { Url, RequestHeader, ResponseHeader, RequestBody, ResponseBody };

    explicit FlowSearch(const QString &text);

    bool isEmpty() const { return m_needle.isEmpty(); }
    // The first place, in the order above, where the text occurs; nullopt when nowhere.
    std::optional<Place> find(const Flow &flow) const;
    static QString placeName(Place place); // "the response body"; tr()

private:
    bool occursIn(QByteArrayView haystack) const;

    QByteArray m_needle; // lower-cased ASCII, the rest as UTF-8
};

} // namespace Corscope
