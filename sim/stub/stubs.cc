#include "sim/geo/atlas.h"
#include <cmath>
#include <vector>
namespace tracksim::sim::geo {
static std::vector<Province> P={{0,"33","浙江省","浙江"},{1,"11","北京市","北京"},{2,"65","新疆维吾尔自治区","新疆"},{3,"31","上海市","上海"},{4,"44","广东省","广东"}};
static std::vector<City> C={{0,"330100","杭州市","杭州",0,30.27,120.15},{1,"110100","北京市","北京",1,39.9,116.4},{2,"650100","乌鲁木齐市","乌鲁木齐",2,43.8,87.6},{3,"310100","上海市","上海",3,31.23,121.47},{4,"440100","广州市","广州",4,23.13,113.26},{5,"330200","宁波市","宁波",0,29.87,121.55}};
const Atlas& Atlas::china(){ static Atlas a; return a;}
const Province* Atlas::find_province(std::string_view n) const { for(auto&p:P) if(p.full_name==n||p.short_name==n) return &p; return nullptr;}
const City* Atlas::find_city(std::string_view n) const { for(auto&c:C) if(c.full_name==n||c.short_name==n) return &c; return nullptr;}
const Province& Atlas::province(ProvinceId i) const { return P[i]; }
const City& Atlas::city(CityId i) const { return C[i]; }
std::string Atlas::suggest_city(std::string_view) const { return ""; }
std::string Atlas::suggest_province(std::string_view) const { return ""; }
double distance_km(const City& a, const City& b){ double r=M_PI/180; double dl=(b.lat-a.lat)*r, dn=(b.lon-a.lon)*r; double h=std::sin(dl/2)*std::sin(dl/2)+std::cos(a.lat*r)*std::cos(b.lat*r)*std::sin(dn/2)*std::sin(dn/2); return 2*6371.0*std::asin(std::sqrt(h)); }
}
