namespace DtHub.Api.Features.Demo;

/// <summary>Word lists for synthetic names. Street names are real Vũng Tàu streets; where they are drawn is not.</summary>
internal static class DemoNames
{
    public static readonly string[] FamilyNames =
        ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];

    public static readonly string[] MaleMiddleNames = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công"];
    public static readonly string[] FemaleMiddleNames = ["Thị", "Ngọc", "Thu", "Kim", "Thanh", "Mỹ", "Bích"];

    public static readonly string[] MaleGivenNames =
        ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khang", "Long", "Minh", "Nam", "Phong", "Phúc", "Quang", "Sơn", "Tâm", "Thành", "Tuấn", "Vinh"];

    public static readonly string[] FemaleGivenNames =
        ["Anh", "Châu", "Diễm", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Oanh", "Phương", "Thảo", "Trang", "Tuyết", "Vân", "Yến"];

    /// <summary>Pleasant shop-sign words ("Sao Biển", "Phát Đạt").</summary>
    public static readonly string[] SignWords =
    [
        "Sao Biển", "Biển Xanh", "Hải Âu", "Bãi Sau", "Bãi Trước", "Ngọc Lan", "Phương Nam", "Thùy Dương", "Hoa Sứ", "Bình An",
        "An Phú", "Phát Đạt", "Thành Công", "Hưng Thịnh", "Gió Biển", "Sóng Xanh", "Hoàng Hôn", "Cát Vàng", "Mặt Trời", "Trăng Biển",
        "Tân Thành", "Phú Quý", "Vạn Lợi", "Kim Long", "Hòa Bình", "Núi Lớn", "Núi Nhỏ", "Mũi Nghinh Phong", "Hồ Mây", "Ô Quắn",
    ];

    public static readonly string[] StreetNames =
    [
        "Thùy Vân", "Hạ Long", "Quang Trung", "Trần Phú", "Lê Lợi", "Ba Cu", "Trưng Trắc", "Trưng Nhị", "Hoàng Hoa Thám",
        "Lê Hồng Phong", "Nguyễn An Ninh", "Võ Thị Sáu", "Bình Giã", "Nam Kỳ Khởi Nghĩa", "Đô Lương", "30 Tháng 4",
        "Nguyễn Hữu Cảnh", "Lê Quang Định", "Phan Chu Trinh", "Thống Nhất", "Trương Công Định", "Xô Viết Nghệ Tĩnh",
        "Nguyễn Thái Học", "Phạm Hồng Thái", "Lý Thường Kiệt", "Hoàng Văn Thụ", "Trần Hưng Đạo", "Đồ Chiểu", "Lê Lai",
        "Nguyễn Văn Trỗi", "Hùng Vương", "Nguyễn Trãi", "Phan Đình Phùng", "Trần Cao Vân", "Lưu Chí Hiếu", "2 Tháng 9",
        "Chi Lăng", "Nguyễn Tri Phương", "Lê Văn Lộc", "Võ Văn Kiệt", "Nguyễn Hữu Tiến", "Phước Thắng", "Bến Đình",
        "Đống Đa", "Nguyễn Du", "Yên Bái", "Lạc Long Quân", "Nguyễn Bảo", "Đường Long Sơn", "Bà Triệu",
    ];

    public static string Person(DemoRandom random)
    {
        var female = random.Chance(0.5);
        return string.Join(' ',
            random.Pick(FamilyNames),
            random.Pick(female ? FemaleMiddleNames : MaleMiddleNames),
            random.Pick(female ? FemaleGivenNames : MaleGivenNames));
    }

    public static string GivenName(DemoRandom random) => random.Pick(random.Chance(0.5) ? FemaleGivenNames : MaleGivenNames);
}
