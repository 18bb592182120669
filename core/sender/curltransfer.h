#pragma once

#include "sender/responseheadparser.h"
#include "sender/sendoptions.h"
#include "sender/sendresult.h"

#include <QCoreApplication>
#include <curl/curl.h>
#include <memory>

namespace Corscope {

// One exchange as a libcurl easy handle: sets it up to send exactly the OutgoingRequest the
// simulation built, collects the raw response, and turns the outcome into an ExchangeRecord.
// Internal to the request engine (the only place where libcurl types appear).
class CurlTransfer {
    Q_DECLARE_TR_FUNCTIONS(Corscope::CurlTransfer)

public:
    CurlTransfer(const OutgoingRequest &request, const SendOptions &options);
    ~CurlTransfer();
    CurlTransfer(const CurlTransfer &) = delete;
    CurlTransfer &operator=(const CurlTransfer &) = delete;

    // False (with the record's error filled in) when libcurl refused the setup.
    bool isValid() const { return m_easy && !m_setupError; }
    CURL *easyHandle() const { return m_easy; }

    // Builds the record once libcurl reported the transfer done with this code.
    ExchangeRecord finish(CURLcode code);
    // The record for a transfer that never started.
    ExchangeRecord setupFailure() const;

private:
    bool setup(const SendOptions &options);
    void setupHeaders();
    void readTiming(ExchangeRecord &record) const;
    TransportError classify(CURLcode code) const;

    static size_t headerCallback(char *data, size_t size, size_t count, void *userdata);
    static size_t writeCallback(char *data, size_t size, size_t count, void *userdata);
    static int debugCallback(CURL *handle, curl_infotype type, char *data, size_t size, void *userdata);

    OutgoingRequest m_request;
    bool m_insecure = false;
    QString m_proxyUrl;
    qint64 m_maxBodyBytes = 0;
    qint64 m_startedAtMs = 0;
    CURL *m_easy = nullptr;
    curl_slist *m_headerList = nullptr;
    QByteArray m_url;
    QByteArray m_body;
    ResponseHeadParser m_head;
    QByteArray m_bodyBytes;
    qint64 m_bodyBytesReceived = 0;
    bool m_bodyTruncated = false;
    bool m_headersTooLarge = false;
    // A 101 to a WebSocket handshake: its head is the whole answer, the socket is not ours to read.
    bool m_upgraded = false;
    QByteArray m_rawRequestHead;
    std::optional<TransportError> m_setupError;
    char m_errorBuffer[CURL_ERROR_SIZE] = {};
};

} // namespace Corscope
