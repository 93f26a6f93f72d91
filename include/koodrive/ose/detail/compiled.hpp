// koodrive-ose: the compiled mode's lists, as macros: the ten messages of the five endpoints, and
// what is instantiated for each. With KOODRIVE_OSE_COMPILED, codec.hpp, request_builder.hpp and
// response_reader.hpp declare their functions only; a file that includes the definitions anyway
// (codec_impl.hpp, detail/*_impl.hpp) gets these as explicit instantiation declarations (extern
// template), so it makes none of the ten itself. src/koodrive_ose.cpp defines
// KOODRIVE_OSE_IMPLEMENTATION and so makes the one set of definitions (README, "Compile cost").
#ifndef KOODRIVE_OSE_DETAIL_COMPILED_HPP
#define KOODRIVE_OSE_DETAIL_COMPILED_HPP

#if defined(KOODRIVE_OSE_IMPLEMENTATION)
#define KOODRIVE_OSE_DETAIL_INSTANCE template
#else
#define KOODRIVE_OSE_DETAIL_INSTANCE extern template
#endif

// A plain function that the compiled mode only declares (to spare every file a heavy standard
// header) is `inline` in the header-only mode and made once, not inline, in src/koodrive_ose.cpp.
#if defined(KOODRIVE_OSE_IMPLEMENTATION)
#define KOODRIVE_OSE_DETAIL_HEADER_INLINE
#else
#define KOODRIVE_OSE_DETAIL_HEADER_INLINE inline
#endif

#define KOODRIVE_OSE_DETAIL_FOR_EACH_REQUEST(X) \
    X(create_batch_task_request)                \
    X(list_batch_tasks_request)                 \
    X(create_share_task_request)                \
    X(query_share_task_request)                 \
    X(create_task_request)

#define KOODRIVE_OSE_DETAIL_FOR_EACH_MESSAGE(X) \
    KOODRIVE_OSE_DETAIL_FOR_EACH_REQUEST(X)     \
    X(create_batch_task_response)               \
    X(list_batch_tasks_response)                \
    X(create_share_task_response)               \
    X(query_share_task_response)                \
    X(create_task_response)

// The argument is a type, used as a template argument and a parameter type, where parentheses
// cannot go.
// NOLINTBEGIN(bugprone-macro-parentheses)

// codec.hpp: validate, find_violation, encode_unchecked, encode_to, encode, decode_into, decode.
#define KOODRIVE_OSE_DETAIL_CODEC_INSTANCES(T)                                                          \
    KOODRIVE_OSE_DETAIL_INSTANCE result<void> validate<T>(const T&);                                    \
    KOODRIVE_OSE_DETAIL_INSTANCE bool find_violation<T>(const T&, violation&);                          \
    KOODRIVE_OSE_DETAIL_INSTANCE void encode_unchecked<T>(const T&, std::string&);                      \
    KOODRIVE_OSE_DETAIL_INSTANCE result<void> encode_to<T>(const T&, std::string&);                     \
    KOODRIVE_OSE_DETAIL_INSTANCE result<std::string> encode<T>(const T&);                               \
    KOODRIVE_OSE_DETAIL_INSTANCE result<void> decode_into<T>(T&, std::string_view, const read_limits&); \
    KOODRIVE_OSE_DETAIL_INSTANCE result<T> decode<T>(std::string_view, const read_limits&);

// request_builder.hpp
#define KOODRIVE_OSE_DETAIL_BUILD_INSTANCES(T) \
    KOODRIVE_OSE_DETAIL_INSTANCE result<http_request> build_request<T>(const T&, const settings&, environment&);

// response_reader.hpp
#define KOODRIVE_OSE_DETAIL_READ_INSTANCES(T)                                                                        \
    KOODRIVE_OSE_DETAIL_INSTANCE result<response_of<T>> read_response<T>(int, std::string_view, const read_limits&); \
    KOODRIVE_OSE_DETAIL_INSTANCE result<response_of<T>> read_response<T>(const http_response&, const read_limits&);

// NOLINTEND(bugprone-macro-parentheses)

#endif  // KOODRIVE_OSE_DETAIL_COMPILED_HPP
