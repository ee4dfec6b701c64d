#pragma once
// A stand-in for the Hugging Face Hub on loopback for the tests that fetch
// models: tests/interop/hub_server.py (the Hub on 127.0.0.1, its CDN on
// 127.0.0.2) started and stopped with the test, its misbehaviour set through
// /_control and its counters read from /_stats; and the repo it serves, a
// 3-class tresnet_nano in timm's names with timm's config.json.
// Torch-facing (the repo's weights are made with LibTorch): include it first.

#include "aia/io/atomic_file.h"
#include "aia/io/checkpoint.h"
#include "aia/model/registry.h"

#include <QProcess>
#include <QString>
#include <QStringList>

#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace aia::test {

// ROOT/aia-test/nano/{model.safetensors, config.json}: classes cat, dog, bird at 32 px.
inline void make_nano_repo(const std::string& root) {
  namespace fs = std::filesystem;
  const fs::path repo = fs::path(root) / "aia-test" / "nano";
  fs::create_directories(repo);
  aia::Classifier model = aia::make_model("tresnet_nano", 3, 0.0);
  aia::ExportOptions timm;
  timm.timm_head = true;
  aia::export_weights(*model, (repo / "model.safetensors").string(), aia::WeightFormat::Safetensors, timm);
  const nlohmann::json config{
      {"architecture", "tresnet_nano"},
      {"num_classes", 3},
      {"label_names", {"cat", "dog", "bird"}},
      {"pretrained_cfg", {{"input_size", {3, 32, 32}}, {"mean", {0, 0, 0}}, {"std", {1, 1, 1}}}}};
  aia::write_file_atomically((repo / "config.json").string(), config.dump());
}

class LoopbackHub {
 public:
  // Serves `root`; throws when the server does not start.
  explicit LoopbackHub(const std::string& root) {
    m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_server.start(QStringLiteral(AIA_PYTHON3),
                   {QStringLiteral(AIA_TESTS_DIR "/interop/hub_server.py"), QString::fromStdString(root)});
    if (!m_server.waitForStarted() || !m_server.waitForReadyRead(20000))
      throw std::runtime_error("tests/interop/hub_server.py did not start");
    const QStringList ports = QString::fromUtf8(m_server.readLine()).trimmed().split(' ');
    if (ports.size() != 3) throw std::runtime_error("tests/interop/hub_server.py did not say its ports");
    m_endpoint = "http://127.0.0.1:" + ports[1].toStdString();
  }
  ~LoopbackHub() {
    m_server.closeWriteChannel();
    if (!m_server.waitForFinished(5000)) m_server.kill();
  }
  LoopbackHub(const LoopbackHub&) = delete;
  LoopbackHub& operator=(const LoopbackHub&) = delete;

  const std::string& endpoint() const { return m_endpoint; }
  // "drop=1", "corrupt=1", "reset=1", ... (hub_server.py); true when the server took it.
  bool control(const std::string& query) const { return get(m_endpoint + "/_control?" + query) == "ok"; }
  nlohmann::json stats() const { return nlohmann::json::parse(get(m_endpoint + "/_stats")); }

 private:
  static std::size_t sink(char* data, std::size_t size, std::size_t count, void* out) {
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
  }
  static std::string get(const std::string& url) {
    std::string body;
    CURL* c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
    curl_easy_perform(c);
    curl_easy_cleanup(c);
    return body;
  }

  QProcess m_server;
  std::string m_endpoint;
};

}  // namespace aia::test
