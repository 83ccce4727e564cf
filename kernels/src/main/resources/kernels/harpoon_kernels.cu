// Harpoon batch kernels for CUDA, compiled at run time by NVRTC (io.harpoon.kernels.cuda.CudaContext).
// One thread per buffer / stream / message. Derived line by line from io.harpoon.kernels.reference and kept in
// step with io.harpoon.kernels.tornado.TornadoKernels (same flat layouts, same host-expanded round keys):
//
//   buffer i       data[offsets[i] .. offsets[i] + lengths[i])
//   round keys     roundKeys[60*i ..]  big-endian column words from reference.Aes.expandKey, rounds 10 or 14
//   CFB state      state[32*i .. +16) feedback register, state[32*i+16 .. +16) keystream block, used[i] 0..16
//   GCM            ivs[12*i ..], tags[16*i ..], ok[i] (open only)
//
// The tables (CRC-32C, AES S-box) come from the Java reference, uploaded once, so they cannot drift.
// The entry-point names are mirrored in io.harpoon.kernels.cuda.CudaKernelSource; change both together.
// No include directives: NVRTC compiles this without the CUDA headers.

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;

#define KEY_STRIDE 60

__device__ static u32 crc32c_update(const u32* table, const u8* p, int len)
{
    u32 c = 0xFFFFFFFFu;
    for (int j = 0; j < len; j++) {
        c = table[(c ^ p[j]) & 0xFFu] ^ (c >> 8);
    }
    return ~c;
}

extern "C" __global__ void harpoon_crc32c(const u8* data, const int* offsets, const int* lengths, int n,
                                          const u32* table, u32* out)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    out[i] = crc32c_update(table, data + offsets[i], lengths[i]);
}

extern "C" __global__ void harpoon_crc32c_masked(const u8* data, const int* offsets, const int* lengths, int n,
                                                 const u32* table, u32* out)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    u32 crc = crc32c_update(table, data + offsets[i], lengths[i]);
    out[i] = ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
}

// ---------------------------------------------------------------- AES (column words, row 0 in the top byte)

__device__ static u32 sub_shift(const u32* sbox, u32 a, u32 b, u32 c, u32 d)
{
    return (sbox[a >> 24] << 24) | (sbox[(b >> 16) & 0xFFu] << 16) | (sbox[(c >> 8) & 0xFFu] << 8) | sbox[d & 0xFFu];
}

__device__ static u32 rotl(u32 x, int s)
{
    return (x << s) | (x >> (32 - s));
}

__device__ static u32 mix_column(u32 a)
{
    u32 b = ((a & 0x7F7F7F7Fu) << 1) ^ (((a >> 7) & 0x01010101u) * 0x1Bu);
    return b ^ rotl(a ^ b, 8) ^ rotl(a, 16) ^ rotl(a, 24);
}

__device__ static void aes_encrypt(const u32* w, int rounds, const u32* sbox, const u32 in[4], u32 out[4])
{
    u32 s0 = in[0] ^ w[0], s1 = in[1] ^ w[1], s2 = in[2] ^ w[2], s3 = in[3] ^ w[3];
    for (int r = 1; r < rounds; r++) {
        const u32* k = w + 4 * r;
        u32 t0 = sub_shift(sbox, s0, s1, s2, s3);
        u32 t1 = sub_shift(sbox, s1, s2, s3, s0);
        u32 t2 = sub_shift(sbox, s2, s3, s0, s1);
        u32 t3 = sub_shift(sbox, s3, s0, s1, s2);
        s0 = mix_column(t0) ^ k[0];
        s1 = mix_column(t1) ^ k[1];
        s2 = mix_column(t2) ^ k[2];
        s3 = mix_column(t3) ^ k[3];
    }
    const u32* k = w + 4 * rounds;
    out[0] = sub_shift(sbox, s0, s1, s2, s3) ^ k[0];
    out[1] = sub_shift(sbox, s1, s2, s3, s0) ^ k[1];
    out[2] = sub_shift(sbox, s2, s3, s0, s1) ^ k[2];
    out[3] = sub_shift(sbox, s3, s0, s1, s2) ^ k[3];
}

__device__ static u32 be32(const u8* p)
{
    return ((u32) p[0] << 24) | ((u32) p[1] << 16) | ((u32) p[2] << 8) | (u32) p[3];
}

__device__ static u8 block_byte(const u32 w[4], int k)
{
    return (u8) (w[k >> 2] >> (24 - 8 * (k & 3)));
}

// ---------------------------------------------------------------- AES-128-CFB128, streaming

extern "C" __global__ void harpoon_aes128_cfb(u8* data, const int* offsets, const int* lengths, int n, int encrypt,
                                              const u32* roundKeys, const u32* sbox, u8* state, int* used)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    u8* p = data + offsets[i];
    int len = lengths[i];
    u8* reg = state + 32 * i;
    u8* ks = reg + 16;
    const u32* w = roundKeys + KEY_STRIDE * i;
    int u = used[i];
    for (int j = 0; j < len; j++) {
        if (u == 16) {
            u32 in[4] = {be32(reg), be32(reg + 4), be32(reg + 8), be32(reg + 12)};
            u32 out[4];
            aes_encrypt(w, 10, sbox, in, out);
            for (int k = 0; k < 16; k++) ks[k] = block_byte(out, k);
            u = 0;
        }
        u8 x = p[j];
        u8 y = x ^ ks[u];
        reg[u] = encrypt ? y : x;
        p[j] = y;
        u++;
    }
    used[i] = u;
}

// ---------------------------------------------------------------- AES-GCM (SP 800-38D, 96-bit IV, 128-bit tag)

__device__ static u64 load64(const u8* p, int avail)
{
    u64 v = 0;
    for (int k = 0; k < 8; k++) v = (v << 8) | (k < avail ? (u64) p[k] : 0ull);
    return v;
}

// y = y * H in GF(2^128), bit order of the standard (algorithm 1)
__device__ static void gf_mul(u64* yHi, u64* yLo, u64 hHi, u64 hLo)
{
    u64 zHi = 0, zLo = 0, vHi = hHi, vLo = hLo, xHi = *yHi, xLo = *yLo;
    for (int i = 0; i < 128; i++) {
        u64 bit = i < 64 ? (xHi >> (63 - i)) & 1ull : (xLo >> (127 - i)) & 1ull;
        if (bit) { zHi ^= vHi; zLo ^= vLo; }
        u64 lsb = vLo & 1ull;
        vLo = (vLo >> 1) | (vHi << 63);
        vHi >>= 1;
        if (lsb) vHi ^= 0xE100000000000000ull;
    }
    *yHi = zHi;
    *yLo = zLo;
}

__device__ static void ghash_absorb(u64* yHi, u64* yLo, u64 hHi, u64 hLo, const u8* p, int len)
{
    for (int pos = 0; pos < len; pos += 16) {
        *yHi ^= load64(p + pos, len - pos);
        *yLo ^= load64(p + pos + 8, len - pos - 8);
        gf_mul(yHi, yLo, hHi, hLo);
    }
}

__device__ static void gcm_ctr(u8* p, int len, const u32* w, int rounds, const u32* sbox, const u32 iv[3])
{
    u32 ctr[4] = {iv[0], iv[1], iv[2], 2u};
    u32 ks[4];
    for (int pos = 0; pos < len; pos += 16) {
        aes_encrypt(w, rounds, sbox, ctr, ks);
        int m = len - pos < 16 ? len - pos : 16;
        for (int k = 0; k < m; k++) p[pos + k] ^= block_byte(ks, k);
        ctr[3]++;
    }
}

// Tag over AAD and ciphertext: E_K(J0) xor GHASH_H(A, C)
__device__ static void gcm_tag(const u8* aad, int aadLen, const u8* c, int len, const u32* w, int rounds,
                               const u32* sbox, const u32 iv[3], u64* tHi, u64* tLo)
{
    u32 zero[4] = {0u, 0u, 0u, 0u};
    u32 h[4];
    aes_encrypt(w, rounds, sbox, zero, h);
    u64 hHi = ((u64) h[0] << 32) | h[1];
    u64 hLo = ((u64) h[2] << 32) | h[3];
    u64 yHi = 0, yLo = 0;
    ghash_absorb(&yHi, &yLo, hHi, hLo, aad, aadLen);
    ghash_absorb(&yHi, &yLo, hHi, hLo, c, len);
    yHi ^= (u64) aadLen * 8;
    yLo ^= (u64) len * 8;
    gf_mul(&yHi, &yLo, hHi, hLo);
    u32 j0[4] = {iv[0], iv[1], iv[2], 1u};
    u32 ej[4];
    aes_encrypt(w, rounds, sbox, j0, ej);
    *tHi = yHi ^ (((u64) ej[0] << 32) | ej[1]);
    *tLo = yLo ^ (((u64) ej[2] << 32) | ej[3]);
}

extern "C" __global__ void harpoon_gcm_seal(u8* data, const int* offsets, const int* lengths, const u8* aad,
                                            const int* aadOffsets, const int* aadLengths, int n, const u32* roundKeys,
                                            const int* rounds, const u8* ivs, const u32* sbox, u8* tags)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    u8* p = data + offsets[i];
    int len = lengths[i];
    const u32* w = roundKeys + KEY_STRIDE * i;
    u32 iv[3] = {be32(ivs + 12 * i), be32(ivs + 12 * i + 4), be32(ivs + 12 * i + 8)};
    gcm_ctr(p, len, w, rounds[i], sbox, iv);
    u64 tHi, tLo;
    gcm_tag(aad + aadOffsets[i], aadLengths[i], p, len, w, rounds[i], sbox, iv, &tHi, &tLo);
    u8* t = tags + 16 * i;
    for (int k = 0; k < 8; k++) {
        t[k] = (u8) (tHi >> (56 - 8 * k));
        t[8 + k] = (u8) (tLo >> (56 - 8 * k));
    }
}

extern "C" __global__ void harpoon_gcm_open(u8* data, const int* offsets, const int* lengths, const u8* aad,
                                            const int* aadOffsets, const int* aadLengths, int n, const u32* roundKeys,
                                            const int* rounds, const u8* ivs, const u32* sbox, const u8* tags, int* ok)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    u8* p = data + offsets[i];
    int len = lengths[i];
    const u32* w = roundKeys + KEY_STRIDE * i;
    u32 iv[3] = {be32(ivs + 12 * i), be32(ivs + 12 * i + 4), be32(ivs + 12 * i + 8)};
    u64 tHi, tLo;
    gcm_tag(aad + aadOffsets[i], aadLengths[i], p, len, w, rounds[i], sbox, iv, &tHi, &tLo);
    u64 diff = (tHi ^ load64(tags + 16 * i, 8)) | (tLo ^ load64(tags + 16 * i + 8, 8));
    if (diff == 0) {
        gcm_ctr(p, len, w, rounds[i], sbox, iv);
        ok[i] = 1;
    } else {
        for (int k = 0; k < len; k++) p[k] = 0;  // never release unauthenticated plaintext
        ok[i] = 0;
    }
}
