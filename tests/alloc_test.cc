#include <malloc.h>
#include <mimalloc.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "alloc/allocator.h"
#include "alloc/locks.h"
#include "alloc/size_class.h"
#include "alloc/size_class_allocator.h"
#include "gtest/gtest.h"

namespace twinpy::alloc {
namespace {

// Fills a block with bytes derived from `tag`, and puts the tag itself at the
// start, so a block handed out twice or overlapping another is caught.
void Fill(void* p, size_t size, uint64_t tag) {
  std::memset(p, static_cast<int>(tag * 131 + 7) & 0xff, size);
  std::memcpy(p, &tag, std::min(size, sizeof tag));
}

bool Holds(const void* p, size_t size, uint64_t tag) {
  uint64_t head = 0, want = tag;
  const size_t n = std::min(size, sizeof tag);
  std::memcpy(&head, p, n);
  std::memset(reinterpret_cast<char*>(&want) + n, 0, sizeof want - n);
  if (head != want) return false;
  const auto* bytes = static_cast<const unsigned char*>(p);
  const unsigned char fill = static_cast<unsigned char>(tag * 131 + 7);
  for (size_t i = n; i < size; ++i) {
    if (bytes[i] != fill) return false;
  }
  return true;
}

bool Aligned(const void* p) {
  return reinterpret_cast<uintptr_t>(p) % kAlignment == 0;
}

TEST(SizeClassTest, MapsBoundaries) {
  EXPECT_TRUE(IsSmallSize(1));
  EXPECT_EQ(SizeToClass(1), 0u);
  EXPECT_EQ(SizeToClass(16), 0u);
  EXPECT_EQ(SizeToClass(17), 1u);
  EXPECT_EQ(SizeToClass(512), 31u);
  EXPECT_TRUE(IsSmallSize(512));
  EXPECT_FALSE(IsSmallSize(513));
  EXPECT_FALSE(IsSmallSize(0));
  EXPECT_EQ(kNumClasses, 32u);
  EXPECT_EQ(ClassToSize(0), 16u);
  EXPECT_EQ(ClassToSize(31), 512u);
}

TEST(SizeClassTest, EveryClassFitsItsSizesTightly) {
  for (size_t size = 1; size <= kMaxSmallSize; ++size) {
    const size_t block = ClassToSize(SizeToClass(size));
    EXPECT_GE(block, size) << size;
    EXPECT_LT(block, size + kAlignment) << size;
    EXPECT_EQ(block % kAlignment, 0u) << size;
  }
}

// Fails try_lock on every second call, so the count of contentions the
// allocator records is known exactly. Single-threaded use only.
struct FlakyLock {
  static constexpr const char* kName = "FlakyLock";
  static inline int try_calls = 0;
  bool try_lock() { return ++try_calls % 2 == 1; }
  void lock() {}
  void unlock() {}
};

template <class Lock>
class AllocatorTest : public ::testing::Test {
 protected:
  using Allocator = SizeClassAllocator<Lock>;
  std::unique_ptr<Allocator> allocator_ = std::make_unique<Allocator>();
};

using Policies = ::testing::Types<NoLock, SpinLock, MutexLock>;
TYPED_TEST_SUITE(AllocatorTest, Policies);

TYPED_TEST(AllocatorTest, SizesLandInTheirClass) {
  auto& a = *this->allocator_;
  const std::pair<size_t, size_t> cases[] = {
      {1, 0}, {16, 0}, {17, 1}, {511, 31}, {512, 31}};
  for (auto [size, size_class] : cases) {
    const Stats before = a.GetStats();
    void* p = a.Allocate(size);
    ASSERT_NE(p, nullptr);
    const Stats after = a.GetStats();
    EXPECT_EQ(after.classes[size_class].allocations,
              before.classes[size_class].allocations + 1)
        << size;
    EXPECT_EQ(after.TotalAllocations(), before.TotalAllocations() + 1);
    a.Free(p, size);
    EXPECT_EQ(a.GetStats().classes[size_class].frees,
              before.classes[size_class].frees + 1);
  }
  // 513 bytes is mimalloc's: no class counts it.
  const Stats before = a.GetStats();
  void* p = a.Allocate(513);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(a.GetStats().TotalAllocations(), before.TotalAllocations());
  a.Free(p, 513);
  EXPECT_EQ(a.GetStats().TotalFrees(), before.TotalFrees());
}

TYPED_TEST(AllocatorTest, EveryBlockIs16ByteAligned) {
  auto& a = *this->allocator_;
  std::vector<std::pair<void*, size_t>> blocks;
  for (size_t size = 0; size <= 2048; ++size) {
    void* p = a.Allocate(size);
    ASSERT_NE(p, nullptr) << size;
    EXPECT_TRUE(Aligned(p)) << size << " -> " << p;
    blocks.emplace_back(p, size);
  }
  for (auto [p, size] : blocks) a.Free(p, size);
}

TYPED_TEST(AllocatorTest, BlocksDoNotOverlap) {
  auto& a = *this->allocator_;
  struct Block {
    char* p;
    size_t size;
    uint64_t tag;
  };
  std::vector<Block> blocks;
  uint64_t tag = 1;
  for (int round = 0; round < 40; ++round) {
    for (size_t size = 1; size <= kMaxSmallSize; size += 7) {
      auto* p = static_cast<char*>(a.Allocate(size));
      ASSERT_NE(p, nullptr);
      Fill(p, size, tag);
      blocks.push_back({p, size, tag++});
    }
  }
  for (const Block& b : blocks) ASSERT_TRUE(Holds(b.p, b.size, b.tag));
  // Whole class-sized blocks, not just the bytes asked for, are disjoint.
  std::sort(blocks.begin(), blocks.end(),
            [](const Block& x, const Block& y) { return x.p < y.p; });
  for (size_t i = 1; i < blocks.size(); ++i) {
    const Block& prev = blocks[i - 1];
    ASSERT_LE(prev.p + ClassToSize(SizeToClass(prev.size)), blocks[i].p);
  }
  for (const Block& b : blocks) a.Free(b.p, b.size);
}

TYPED_TEST(AllocatorTest, FreedBlockIsReused) {
  auto& a = *this->allocator_;
  void* p = a.Allocate(40);
  ASSERT_NE(p, nullptr);
  a.Free(p, 40);
  // Another size of the same class (33..48) gets the same block back...
  void* q = a.Allocate(48);
  EXPECT_EQ(q, p);
  a.Free(q, 48);
  // ...and a different class never does.
  void* r = a.Allocate(64);
  EXPECT_NE(r, p);
  a.Free(r, 64);
  // No new page was needed for the reuse.
  EXPECT_EQ(a.GetStats().classes[SizeToClass(48)].pages, 1u);
}

TYPED_TEST(AllocatorTest, FreeOfNullIsIgnored) {
  auto& a = *this->allocator_;
  const Stats before = a.GetStats();
  a.Free(nullptr, 32);
  a.Free(nullptr, 4096);
  EXPECT_EQ(a.GetStats().TotalFrees(), before.TotalFrees());
  void* p = a.Allocate(32);
  EXPECT_NE(p, nullptr);
  a.Free(p, 32);
}

TYPED_TEST(AllocatorTest, ManyAllocationsSpanManyPagesAndArenas) {
  auto& a = *this->allocator_;
  constexpr size_t kSize = 32;
  constexpr size_t kBlocksPerPage = kPageSize / kSize;
  constexpr size_t kCount = 3 * kPagesPerArena * kBlocksPerPage + 5;
  std::vector<uint64_t*> blocks;
  blocks.reserve(kCount);
  for (size_t i = 0; i < kCount; ++i) {
    auto* p = static_cast<uint64_t*>(a.Allocate(kSize));
    ASSERT_NE(p, nullptr) << i;
    p[0] = i;
    p[3] = ~i;
    blocks.push_back(p);
  }
  for (size_t i = 0; i < kCount; ++i) {
    ASSERT_EQ(blocks[i][0], i);
    ASSERT_EQ(blocks[i][3], ~i);
  }
  Stats s = a.GetStats();
  const ClassStats& c = s.classes[SizeToClass(kSize)];
  EXPECT_EQ(c.allocations, kCount);
  EXPECT_EQ(c.pages, (kCount + kBlocksPerPage - 1) / kBlocksPerPage);
  EXPECT_EQ(s.arenas, 4u);
  EXPECT_GE(s.mapped_bytes, 4 * kArenaSize);
  for (uint64_t* p : blocks) a.Free(p, kSize);
  s = a.GetStats();
  EXPECT_EQ(s.classes[SizeToClass(kSize)].frees, kCount);
  // Everything freed is reused: the same count again takes no new page.
  for (size_t i = 0; i < kCount; ++i) {
    blocks[i] = static_cast<uint64_t*>(a.Allocate(kSize));
    ASSERT_NE(blocks[i], nullptr);
  }
  EXPECT_EQ(a.GetStats().classes[SizeToClass(kSize)].pages,
            (kCount + kBlocksPerPage - 1) / kBlocksPerPage);
  for (uint64_t* p : blocks) a.Free(p, kSize);
}

TYPED_TEST(AllocatorTest, LargeRequestsGoToMimalloc) {
  auto& a = *this->allocator_;
  const Stats before = a.GetStats();
  // 0 is not a class size either: mimalloc serves it (8-aligned by default).
  for (size_t size : {size_t{0}, size_t{513}, size_t{4096}, size_t{1} << 20}) {
    void* p = a.Allocate(size);
    ASSERT_NE(p, nullptr) << size;
    EXPECT_TRUE(Aligned(p)) << size;
    // Only a mimalloc block has a usable size this large (a malloc one
    // under ThreadSanitizer, which cannot see inside mimalloc).
    size_t usable = kLargeFromMalloc ? malloc_usable_size(p) : mi_usable_size(p);
    EXPECT_GE(usable, std::max<size_t>(size, 1)) << size;
    std::memset(p, 0xab, size);
    a.Free(p, size);
  }
  const Stats after = a.GetStats();
  EXPECT_EQ(after.TotalAllocations(), before.TotalAllocations());
  EXPECT_EQ(after.TotalFrees(), before.TotalFrees());
  EXPECT_EQ(after.arenas, before.arenas);
}

TYPED_TEST(AllocatorTest, ZeroBytesGivesDistinctAlignedBlocks) {
  auto& a = *this->allocator_;
  std::vector<void*> blocks;
  for (int i = 0; i < 64; ++i) {
    blocks.push_back(a.Allocate(0));
    ASSERT_NE(blocks.back(), nullptr);
    EXPECT_TRUE(Aligned(blocks.back())) << blocks.back();
  }
  std::sort(blocks.begin(), blocks.end());
  EXPECT_EQ(std::adjacent_find(blocks.begin(), blocks.end()), blocks.end());
  for (void* p : blocks) a.Free(p, 0);
}

TYPED_TEST(AllocatorTest, OutOfMemoryReturnsNull) {
  SizeClassAllocator<TypeParam> a(/*max_arenas=*/1);
  constexpr size_t kSize = 512;
  constexpr size_t kFit = kPagesPerArena * (kPageSize / kSize);
  std::vector<void*> blocks;
  for (;;) {
    void* p = a.Allocate(kSize);
    if (p == nullptr) break;
    blocks.push_back(p);
    ASSERT_LE(blocks.size(), kFit);
  }
  EXPECT_EQ(blocks.size(), kFit);
  // Every page is taken, so another class cannot start one either.
  EXPECT_EQ(a.Allocate(16), nullptr);
  EXPECT_EQ(a.GetStats().arenas, 1u);
  // A freed block is served again.
  a.Free(blocks.back(), kSize);
  EXPECT_EQ(a.Allocate(kSize), blocks.back());
  for (void* p : blocks) a.Free(p, kSize);
}

TEST(AllocatorStatsTest, CountsFailedTryLocksAsContention) {
  SizeClassAllocator<FlakyLock> a;
  FlakyLock::try_calls = 0;
  std::vector<void*> blocks;
  for (int i = 0; i < 10; ++i) blocks.push_back(a.Allocate(100));
  for (void* p : blocks) a.Free(p, 100);
  // 20 try_locks, every second one failed.
  const Stats s = a.GetStats();
  EXPECT_EQ(FlakyLock::try_calls, 20);
  EXPECT_EQ(s.classes[SizeToClass(100)].lock_contentions, 10u);
  EXPECT_EQ(s.TotalLockContentions(), 10u);
  EXPECT_EQ(s.classes[SizeToClass(100)].allocations, 10u);
  EXPECT_EQ(s.classes[SizeToClass(100)].frees, 10u);
}

TEST(AllocatorStatsTest, NoLockNeverCountsContention) {
  SizeClassAllocator<NoLock> a;
  for (int i = 0; i < 1000; ++i) a.Free(a.Allocate(64), 64);
  EXPECT_EQ(a.GetStats().TotalLockContentions(), 0u);
  EXPECT_EQ(a.GetStats().classes[SizeToClass(64)].allocations, 1000u);
}

// Threads allocate mixed sizes, keep some blocks, and post the rest to a
// shared mailbox from which other threads take, check and free them.
template <class Allocator>
void AllocateAndFreeAcrossThreads(Allocator& a, int threads, int rounds) {
  struct Posted {
    void* p;
    size_t size;
    uint64_t tag;
  };
  std::mutex mailbox_mu;
  std::vector<Posted> mailbox;
  std::atomic<int> bad{0};
  std::atomic<uint64_t> allocated{0};
  // The global allocator has served earlier tests: compare differences.
  const Stats before = a.GetStats();

  auto worker = [&](int id) {
    std::mt19937_64 rng(id);
    std::uniform_int_distribution<size_t> small_size(1, kMaxSmallSize);
    std::vector<Posted> mine;
    uint64_t tag = uint64_t(id) << 40;
    for (int round = 0; round < rounds; ++round) {
      for (int i = 0; i < 32; ++i) {
        // Mostly small blocks, now and then a large one.
        size_t size =
            i % 16 == 15 ? kMaxSmallSize + 1 + i * 40 : small_size(rng);
        void* p = a.Allocate(size);
        if (p == nullptr) {
          ++bad;
          continue;
        }
        ++allocated;
        Fill(p, size, ++tag);
        mine.push_back({p, size, tag});
      }
      // Post half to the others, take what they posted.
      std::vector<Posted> taken;
      {
        std::lock_guard<std::mutex> guard(mailbox_mu);
        for (size_t i = 0; i < mine.size(); i += 2) mailbox.push_back(mine[i]);
        const size_t take = std::min<size_t>(mailbox.size(), 24);
        taken.assign(mailbox.end() - take, mailbox.end());
        mailbox.resize(mailbox.size() - take);
      }
      for (size_t i = 1; i < mine.size(); i += 2) taken.push_back(mine[i]);
      mine.clear();
      for (const Posted& b : taken) {
        if (!Holds(b.p, b.size, b.tag)) ++bad;
        a.Free(b.p, b.size);
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker, t);
  for (std::thread& t : pool) t.join();
  for (const Posted& b : mailbox) {
    if (!Holds(b.p, b.size, b.tag)) ++bad;
    a.Free(b.p, b.size);
  }
  EXPECT_EQ(bad.load(), 0);
  const Stats s = a.GetStats();
  EXPECT_GT(s.TotalAllocations(), before.TotalAllocations());
  EXPECT_LE(s.TotalAllocations() - before.TotalAllocations(), allocated.load());
  for (size_t c = 0; c < kNumClasses; ++c) {
    EXPECT_EQ(s.classes[c].allocations - before.classes[c].allocations,
              s.classes[c].frees - before.classes[c].frees)
        << c;
  }
}

template <class Lock>
class ThreadedAllocatorTest : public ::testing::Test {};
using LockedPolicies = ::testing::Types<SpinLock, MutexLock>;
TYPED_TEST_SUITE(ThreadedAllocatorTest, LockedPolicies);

TYPED_TEST(ThreadedAllocatorTest, MixedSizesFreedByOtherThreads) {
  auto a = std::make_unique<SizeClassAllocator<TypeParam>>();
  AllocateAndFreeAcrossThreads(*a, /*threads=*/8, /*rounds=*/1000);
}

TYPED_TEST(ThreadedAllocatorTest, SameClassFromManyThreads) {
  auto a = std::make_unique<SizeClassAllocator<TypeParam>>();
  constexpr int kThreads = 4, kPairs = 200000;
  std::vector<std::thread> pool;
  std::atomic<int> bad{0};
  for (int t = 0; t < kThreads; ++t) {
    pool.emplace_back([&, t] {
      void* held[8];
      for (int i = 0; i < kPairs; ++i) {
        void*& slot = held[i % 8];
        if (i >= 8) {
          if (!Holds(slot, 24, uint64_t(t) << 32 | (i - 8))) ++bad;
          a->Free(slot, 24);
        }
        slot = a->Allocate(24);
        Fill(slot, 24, uint64_t(t) << 32 | i);
      }
      for (void* p : held) a->Free(p, 24);
    });
  }
  for (std::thread& t : pool) t.join();
  EXPECT_EQ(bad.load(), 0);
  const Stats s = a->GetStats();
  EXPECT_EQ(s.classes[SizeToClass(24)].allocations,
            uint64_t{kThreads} * kPairs);
  EXPECT_EQ(s.classes[SizeToClass(24)].frees, uint64_t{kThreads} * kPairs);
  EXPECT_LE(s.TotalLockContentions(), 2u * kThreads * kPairs);
}

// The process-wide API, whichever policy this build uses.
TEST(GlobalAllocatorTest, AllocatesFreesAndCounts) {
  if (kAllocatorBypassed) {
    GTEST_SKIP() << "under ASan every block comes from malloc: no reuse, no counts";
  }
  if (kUseMimalloc) {
    void* p = Allocate(17);
    ASSERT_NE(p, nullptr);
    EXPECT_TRUE(Aligned(p));
    Free(p, 17);
    GTEST_SKIP() << "mimalloc keeps no size-class counts";
  }
  ReleaseThreadCache();
  const Stats before = GetStats();
  void* p = Allocate(17);
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(Aligned(p));
  Fill(p, 17, 99);
  EXPECT_TRUE(Holds(p, 17, 99));
  Free(p, 17);
  EXPECT_EQ(Allocate(32), p);  // same class, reused
  Free(p, 32);
  ReleaseThreadCache();
  const Stats after = GetStats();
  if (kThreadCaches) {
    // One refill served both; the release gave every block back.
    EXPECT_EQ(after.classes[1].allocations,
              before.classes[1].allocations + internal::CacheBatch(1));
    EXPECT_EQ(after.classes[1].frees, before.classes[1].frees + internal::CacheBatch(1));
  } else {
    EXPECT_EQ(after.classes[1].allocations, before.classes[1].allocations + 2);
    EXPECT_EQ(after.classes[1].frees, before.classes[1].frees + 2);
  }

  void* big = Allocate(100000);
  ASSERT_NE(big, nullptr);
  EXPECT_TRUE(Aligned(big));
  Free(big, 100000);
}

TEST(GlobalAllocatorTest, ImpossibleRequestReturnsNull) {
  EXPECT_EQ(Allocate(SIZE_MAX / 2), nullptr);
}

TEST(GlobalAllocatorTest, PolicyMatchesTheLockType) {
  const std::string name = kLockPolicyName;
  EXPECT_EQ(name, kUseMimalloc ? "mimalloc" : AllocLock::kName);
  EXPECT_TRUE(name == "NoLock" || name == "SpinLock" || name == "mimalloc") << name;
}

// With thread caches, a thread that allocates and frees over and over takes
// a class lock about once per batch, not per call; blocks freed by another
// thread and each thread's cache all return to the classes.
TEST(GlobalAllocatorTest, ThreadCachesBatchAndReturnEveryBlock) {
  if (!kThreadCaches) GTEST_SKIP() << "this build has no thread caches";
  ReleaseThreadCache();
  const Stats before = GetStats();
  const size_t c = SizeToClass(24);
  for (int i = 0; i < 100000; ++i) Free(Allocate(24), 24);
  EXPECT_LE(GetStats().classes[c].allocations - before.classes[c].allocations,
            internal::CacheBatch(c));
  // Producer/consumer across threads: frees land in the consumer's cache.
  std::vector<void*> blocks;
  std::thread producer([&] {
    for (int i = 0; i < 5000; ++i) blocks.push_back(Allocate(24 + i % 200));
    ReleaseThreadCache();
  });
  producer.join();
  std::thread consumer([&] {
    for (int i = 0; i < 5000; ++i) Free(blocks[i], 24 + i % 200);
    ReleaseThreadCache();
  });
  consumer.join();
  ReleaseThreadCache();
  const Stats after = GetStats();
  for (size_t k = 0; k < kNumClasses; ++k) {
    EXPECT_EQ(after.classes[k].allocations - before.classes[k].allocations,
              after.classes[k].frees - before.classes[k].frees)
        << k;
  }
}

TEST(GlobalAllocatorTest, ThreadsShareTheGlobalAllocatorWhenLocked) {
  if constexpr (std::is_same_v<AllocLock, NoLock>) {
    GTEST_SKIP() << "this build serialises threads with a global lock";
  } else {
    AllocateAndFreeAcrossThreads(internal::global_allocator_holder.allocator,
                                 /*threads=*/4, /*rounds=*/100);
  }
}

}  // namespace
}  // namespace twinpy::alloc
