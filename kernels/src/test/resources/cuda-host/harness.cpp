// Runs harpoon_kernels.cu on the host, for tests without a GPU (io.harpoon.kernels.cuda.HostLaunchTarget).
// The CUDA qualifiers become nothing and the grid is walked sequentially, block by block, thread by thread, so
// each kernel body (including its "i >= n" guard) runs exactly as it would per device thread.
//
// Protocol on stdin/stdout, little-endian, one launch after another until EOF:
//   request : i32 nameLen, name bytes, i32 gridBlocks, i32 blockThreads, i32 argc, argc x (u8 'b' i32 len bytes | u8 's' i32 value)
//   reply   : for every 'b' argument in order: i32 len, bytes (the buffer after the launch)
// A wrong argument list (count or buffer/scalar kinds) for an entry point exits with status 3 and a message.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

struct Dim { unsigned x; };
static Dim blockIdx, blockDim, threadIdx;
#define __global__
#define __device__
#include HARPOON_CU

static bool readFully(void* p, size_t n) { return n == 0 || fread(p, 1, n, stdin) == n; }

static int readInt()
{
    int v;
    if (!readFully(&v, 4)) { fprintf(stderr, "truncated request\n"); exit(2); }
    return v;
}

#define S(i) (*(int*) a[i])
#define P(T, i) ((T) a[i])

static const char* signature(const std::string& name)
{
    if (name == "harpoon_crc32c" || name == "harpoon_crc32c_masked") return "bbbsbb";
    if (name == "harpoon_aes128_cfb") return "bbbssbbbb";
    if (name == "harpoon_gcm_seal") return "bbbbbbsbbbbb";
    if (name == "harpoon_gcm_open") return "bbbbbbsbbbbbb";
    return nullptr;
}

static void runThread(const std::string& name, std::vector<void*>& a)
{
    if (name == "harpoon_crc32c") {
        harpoon_crc32c(P(const u8*, 0), P(const int*, 1), P(const int*, 2), S(3), P(const u32*, 4), P(u32*, 5));
    } else if (name == "harpoon_crc32c_masked") {
        harpoon_crc32c_masked(P(const u8*, 0), P(const int*, 1), P(const int*, 2), S(3), P(const u32*, 4), P(u32*, 5));
    } else if (name == "harpoon_aes128_cfb") {
        harpoon_aes128_cfb(P(u8*, 0), P(const int*, 1), P(const int*, 2), S(3), S(4), P(const u32*, 5),
                           P(const u32*, 6), P(u8*, 7), P(int*, 8));
    } else if (name == "harpoon_gcm_seal") {
        harpoon_gcm_seal(P(u8*, 0), P(const int*, 1), P(const int*, 2), P(const u8*, 3), P(const int*, 4),
                         P(const int*, 5), S(6), P(const u32*, 7), P(const int*, 8), P(const u8*, 9), P(const u32*, 10),
                         P(u8*, 11));
    } else {
        harpoon_gcm_open(P(u8*, 0), P(const int*, 1), P(const int*, 2), P(const u8*, 3), P(const int*, 4),
                         P(const int*, 5), S(6), P(const u32*, 7), P(const int*, 8), P(const u8*, 9), P(const u32*, 10),
                         P(const u8*, 11), P(int*, 12));
    }
}

int main()
{
    for (;;) {
        int nameLen;
        if (fread(&nameLen, 1, 4, stdin) != 4) return 0;
        std::string name(nameLen, '\0');
        readFully(&name[0], nameLen);
        int blocks = readInt();
        int threads = readInt();
        int argc = readInt();
        std::vector<std::vector<unsigned char>> bufs(argc);
        std::vector<int> scalars(argc);
        std::vector<void*> a(argc);
        std::string kinds;
        for (int i = 0; i < argc; i++) {
            char kind;
            readFully(&kind, 1);
            kinds += kind;
            if (kind == 's') {
                scalars[i] = readInt();
                a[i] = &scalars[i];
            } else {
                int len = readInt();
                bufs[i].resize(len + 16);  // never empty: a kernel gets a valid pointer for a zero-length buffer
                readFully(bufs[i].data(), len);
                a[i] = bufs[i].data();
                scalars[i] = len;  // remembered to send the buffer back
            }
        }
        const char* want = signature(name);
        if (want == nullptr || kinds != want) {
            fprintf(stderr, "entry point %s called with argument kinds %s (expected: %s)\n", name.c_str(), kinds.c_str(),
                    want ? want : "no such entry point");
            exit(3);
        }
        blockDim.x = threads;
        for (int b = 0; b < blocks; b++) {
            for (int t = 0; t < threads; t++) {
                blockIdx.x = b;
                threadIdx.x = t;
                runThread(name, a);
            }
        }
        for (int i = 0; i < argc; i++) {
            if (kinds[i] == 'b') {
                int len = scalars[i];
                fwrite(&len, 1, 4, stdout);
                fwrite(bufs[i].data(), 1, len, stdout);
            }
        }
        fflush(stdout);
    }
}
