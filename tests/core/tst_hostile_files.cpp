// Hostile files: the known failure modes of the loaders ours resemble, built
// byte by byte, and every input in fuzz/regressions (each found by a fuzzer
// once) and fuzz/corpus replayed through the fuzz targets. A refusal must be
// an aia::Error whose message names the file; nothing else may escape (in the
// asan preset any memory error or undefined behaviour aborts the test).

#include "aia/errors.h"
#include "aia/io/safetensors.h"
#include "aia/io/torch_pickle.h"
#include "aia/io/zip_archive.h"
#include "fuzz_targets.h"

#include <caffe2/serialize/inline_container.h>
#include <torch/torch.h>

#include <QtTest>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

// A pickle, opcode by opcode.
struct Pickle {
  std::string b = "\x80\x02";
  Pickle& op(char c) {
    b += c;
    return *this;
  }
  Pickle& str(const std::string& s) {  // BINUNICODE
    b += 'X';
    for (int i = 0; i < 4; ++i) b += static_cast<char>((s.size() >> (8 * i)) & 0xff);
    b += s;
    return *this;
  }
  Pickle& integer(std::int32_t v) {  // BININT
    b += 'J';
    for (int i = 0; i < 4; ++i) b += static_cast<char>((static_cast<std::uint32_t>(v) >> (8 * i)) & 0xff);
    return *this;
  }
  Pickle& global(const std::string& module, const std::string& name) {
    b += 'c' + module;
    b += '\n' + name;
    b += '\n';
    return *this;
  }
  // A tensor of `numel` float32 elements from storage `key` declaring `declared` elements.
  Pickle& tensor(const std::string& key, std::int32_t declared, std::int32_t numel,
                 const std::string& storage_type = "FloatStorage") {
    global("torch._utils", "_rebuild_tensor_v2").op('(');
    op('(').str("storage").global("torch", storage_type).str(key).str("cpu").integer(declared).op('t').op('Q');
    integer(0).op('(').integer(numel).op('t').op('(').integer(1).op('t').op('\x89');
    global("collections", "OrderedDict").op(')').op('R');
    return op('t').op('R');
  }
};

std::string unpickle_error(const std::string& pickle) {
  auto storage = [](const std::string&, c10::ScalarType dtype, std::int64_t numel) {
    return torch::zeros({numel}, torch::TensorOptions().dtype(dtype));
  };
  try {
    aia::detail::unpickle_state_dict(pickle, "data.pkl", storage, 1 << 20);
  } catch (const aia::CheckpointError& e) {
    return e.what();
  }
  return {};
}

// A torch.save-style zip written by LibTorch's own writer, with our records.
std::string write_zip(const QString& path, const std::vector<std::pair<std::string, std::string>>& records) {
  std::string archive;
  {
    caffe2::serialize::PyTorchStreamWriter writer([&](const void* data, size_t size) {
      archive.append(static_cast<const char*>(data), size);
      return size;
    });
    for (const auto& [name, bytes] : records) writer.writeRecord(name, bytes.data(), bytes.size());
    writer.writeEndOfFile();
  }
  std::ofstream(path.toStdString(), std::ios::binary) << archive;
  return archive;
}

std::string read_error(const std::string& path) {
  try {
    aia::read_pytorch_state_dict(path);
  } catch (const aia::CheckpointError& e) {
    return e.what();
  }
  return {};
}

}  // namespace

class TestHostileFiles : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { aia::fuzz::initialize(); }
  void setitemOnlyOnDicts();
  void lengthsAreCappedBeforeAllocating();
  void marksCannotBeUndercut();
  void cyclesAndStrangeStorageTypes();
  void tensorViewsStayInsideTheirStorage();
  void storageCountMustMatchTheRecord();
  void zipContainerIsValidated();
  void safetensorsShapesCannotOverflow();
  void regressionsAreRefusedClearly_data();
  void regressionsAreRefusedClearly();
  void corpusReplays_data();
  void corpusReplays();

 private:
  QTemporaryDir m_dir;
};

void TestHostileFiles::setitemOnlyOnDicts() {
  // PyTorch's weights-only unpickler corrupted its heap this way (CVE-2026-24747).
  const auto list = Pickle().op(']').str("a").str("b").op('s').op('.').b;
  QVERIFY(QString::fromStdString(unpickle_error(list)).contains(QStringLiteral("SETITEM on a list")));
  const auto tuple = Pickle().op('(').op('t').op('(').str("a").str("b").op('u').op('.').b;
  QVERIFY(QString::fromStdString(unpickle_error(tuple)).contains(QStringLiteral("SETITEMS on a tuple")));
}

void TestHostileFiles::lengthsAreCappedBeforeAllocating() {
  // BINUNICODE8 claiming 2^60 bytes in a 20-byte file (the ~226 GB allocation of a 1.6 KB .pt).
  std::string huge = "\x80\x02\x8d";
  for (int i = 0; i < 8; ++i) huge += static_cast<char>(i == 7 ? 0x10 : 0);
  huge += "abc.";
  QVERIFY(QString::fromStdString(unpickle_error(huge)).contains(QStringLiteral("truncated")));
  std::string binunicode =
      "\x80\x02X\xff\xff\xff\x7f"
      "abc.";
  QVERIFY(QString::fromStdString(unpickle_error(binunicode)).contains(QStringLiteral("truncated")));
}

void TestHostileFiles::marksCannotBeUndercut() {
  // TUPLE2 reaching below a MARK, then POP_MARK: the mark would point past the stack.
  const auto p = Pickle().op('N').op('N').op('(').op('\x86').op('1').op('.').b;
  QVERIFY(QString::fromStdString(unpickle_error(p)).contains(QStringLiteral("stack underflow")));
}

void TestHostileFiles::cyclesAndStrangeStorageTypes() {
  // A list appended to itself through the memo: refused as not a state_dict, freed without leaking.
  const auto cycle = Pickle().op(']').op('q').op('\0').op('h').op('\0').op('a').op('.').b;
  QVERIFY(QString::fromStdString(unpickle_error(cycle)).contains(QStringLiteral("not a state_dict")));
  // A persistent id whose "storage type" is an allowed global that is not a storage.
  auto odd = Pickle().op('}').str("w");
  odd.global("torch._utils", "_rebuild_tensor_v2").op('(');
  odd.op('(').str("storage").global("collections", "OrderedDict").str("0").str("cpu").integer(4).op('t').op('Q');
  QVERIFY(QString::fromStdString(unpickle_error(odd.b)).contains(QStringLiteral("not a storage type")));
  // Deep nesting: a million lists inside each other are freed without recursion.
  std::string deep = "\x80\x02";
  for (int i = 0; i < 1'000'000; ++i) deep += "]";
  for (int i = 0; i < 999'999; ++i) deep += "a";
  deep += ".";
  QVERIFY(QString::fromStdString(unpickle_error(deep)).contains(QStringLiteral("not a state_dict")));
}

void TestHostileFiles::tensorViewsStayInsideTheirStorage() {
  auto dict = [](Pickle& p) { return p.op('s').op('.').b; };
  Pickle fine;
  fine.op('}').str("w").tensor("0", 4, 4);
  QCOMPARE(unpickle_error(dict(fine)), std::string());
  Pickle larger;
  larger.op('}').str("w").tensor("0", 4, 5);
  QVERIFY(QString::fromStdString(unpickle_error(dict(larger))).contains(QStringLiteral("more elements")));
  // Size 2^31-1 with stride 0 over a 4-element storage: 8 GB from a tiny file, refused.
  Pickle expanded;
  expanded.global("torch._utils", "_rebuild_tensor_v2").op('(');
  expanded.op('(').str("storage").global("torch", "FloatStorage").str("0").str("cpu").integer(4).op('t').op('Q');
  expanded.integer(0).op('(').integer(0x7fffffff).op('t').op('(').integer(0).op('t').op('\x89');
  expanded.global("collections", "OrderedDict").op(')').op('R').op('t').op('R');
  QVERIFY(QString::fromStdString(unpickle_error(Pickle().op('}').str("w").b + expanded.b.substr(2) + "s."))
              .contains(QStringLiteral("more elements")));
}

void TestHostileFiles::storageCountMustMatchTheRecord() {
  const QString path = m_dir.filePath(QStringLiteral("count.pth"));
  Pickle p;
  p.op('}').str("w").tensor("0", 1000, 4).op('s').op('.');
  write_zip(path, {{"data.pkl", p.b}, {"data/0", std::string(16, '\0')}});
  const QString error = QString::fromStdString(read_error(path.toStdString()));
  QVERIFY2(error.contains(QStringLiteral("declares 1000 elements")) && error.contains(path), qPrintable(error));
  // The same file with the honest count loads.
  Pickle honest;
  honest.op('}').str("w").tensor("0", 4, 4).op('s').op('.');
  write_zip(path, {{"data.pkl", honest.b}, {"data/0", std::string(16, '\0')}});
  const auto tensors = aia::read_pytorch_state_dict(path.toStdString());
  QCOMPARE(tensors.size(), std::size_t{1});
  QCOMPARE(tensors[0].second.numel(), std::int64_t{4});
}

void TestHostileFiles::zipContainerIsValidated() {
  const QString path = m_dir.filePath(QStringLiteral("zip.pth"));
  Pickle honest;
  honest.op('}').str("w").tensor("0", 4, 4).op('s').op('.');
  const std::string storage = "0123456789abcdef";  // four floats, findable in the archive
  const std::string good = write_zip(path, {{"data.pkl", honest.b}, {"data/0", storage}});
  auto refused = [&](std::string bytes, const char* expected) {
    std::ofstream(path.toStdString(), std::ios::binary | std::ios::trunc) << bytes;
    const QString error = QString::fromStdString(read_error(path.toStdString()));
    QVERIFY2(error.contains(QLatin1String(expected)) && error.contains(path), qPrintable(error));
  };
  refused(good.substr(0, good.size() / 2), "no zip end record");
  refused("", "shorter than a zip end record");
  const auto end = good.rfind("PK\x05\x06");
  QVERIFY(end != std::string::npos);
  std::string moved = good;
  moved[end + 16] = '\xff';  // the central directory's offset
  moved[end + 19] = '\x7f';
  refused(moved, "outside the file");
  std::string counted = good;
  counted[end + 10] = '\xfe';  // 65,534 entries in a directory of a few
  refused(counted, "cannot fit");
  std::string damaged = good;
  const auto data = good.find(storage);
  damaged[data + 3] = '\x01';  // one byte of the storage: the CRC no longer matches
  refused(damaged, "CRC-32");
  std::string compressed = good;
  const auto central = good.find("PK\x01\x02");
  compressed[central + 10] = 8;  // deflate
  refused(compressed, "compressed");
}

void TestHostileFiles::safetensorsShapesCannotOverflow() {
  // Dimensions whose product wraps around 2^64 to match a tiny data size.
  const std::string header = R"({"w":{"dtype":"F32","shape":[4611686018427387904,4,1],"data_offsets":[0,0]}})";
  std::string bytes(8, '\0');
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>((header.size() >> (8 * i)) & 0xff);
  bytes += header;
  const QString path = m_dir.filePath(QStringLiteral("wrap.safetensors"));
  std::ofstream(path.toStdString(), std::ios::binary) << bytes;
  try {
    aia::read_safetensors(path.toStdString());
    QFAIL("a shape of 2^64 elements was accepted");
  } catch (const aia::CheckpointError& e) {
    QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("too many elements")), e.what());
  }
}

namespace {

void add_rows(const char* folder) {
  QTest::addColumn<QString>("target");
  QTest::addColumn<QString>("file");
  for (const auto& target : aia::fuzz::targets()) {
    const fs::path dir = fs::path(AIA_FUZZ_DIR) / folder / target.name;
    if (!fs::is_directory(dir)) continue;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir))
      if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
      QTest::newRow(qPrintable(
          QStringLiteral("%1/%2").arg(QLatin1String(target.name), QString::fromStdString(f.filename().string()))))
          << QString::fromLatin1(target.name) << QString::fromStdString(f.string());
  }
}

std::vector<std::string> replay(const QString& target, const QString& file) {
  const auto* t = aia::fuzz::find_target(target.toStdString());
  std::ifstream in(file.toStdString(), std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  return t->run(bytes);
}

}  // namespace

void TestHostileFiles::regressionsAreRefusedClearly_data() { add_rows("regressions"); }

void TestHostileFiles::regressionsAreRefusedClearly() {
  if (!QTest::currentDataTag()) QSKIP("no inputs in this folder");
  QFETCH(QString, target);
  QFETCH(QString, file);
  const auto refusals = replay(target, file);
  QVERIFY2(!refusals.empty(), "a hostile input was accepted");
  for (const auto& r : refusals) QVERIFY2(r.size() > 10, r.c_str());
}

void TestHostileFiles::corpusReplays_data() { add_rows("corpus"); }

void TestHostileFiles::corpusReplays() {
  if (!QTest::currentDataTag()) QSKIP("no inputs in this folder");
  QFETCH(QString, target);
  QFETCH(QString, file);
  replay(target, file);  // refusals are fine; a crash, a sanitizer report or another exception is not
}

QTEST_GUILESS_MAIN(TestHostileFiles)
#include "tst_hostile_files.moc"
